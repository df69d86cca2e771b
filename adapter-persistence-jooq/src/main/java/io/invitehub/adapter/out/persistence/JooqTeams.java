package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.records.TeamsRecord;
import io.invitehub.application.port.out.ExternalMember;
import io.invitehub.application.port.out.NewTeam;
import io.invitehub.application.port.out.ProviderMember;
import io.invitehub.application.port.out.SeatReservation;
import io.invitehub.application.port.out.SeatSummary;
import io.invitehub.application.port.out.Teams;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamAccount;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.SelectLimitPercentStep;
import org.jooq.SortField;
import org.jooq.exception.DataAccessException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.generated.Tables.INVITATIONS;
import static io.invitehub.adapter.out.persistence.generated.Tables.TEAMS;
import static io.invitehub.adapter.out.persistence.generated.Tables.TEAM_EXTERNAL_MEMBERS;
import static io.invitehub.adapter.out.persistence.generated.Tables.TEAM_GROUPS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.sum;

/**
 * Teams in PostgreSQL. Seats are taken on one team row at a time with an atomic counter. Credentials
 * are sealed here, at the storage boundary (ADR 16): {@code sealed_credentials} only ever holds
 * {@link SecretBox} text, and only {@link #account} opens it again. Statuses in predicates are literals
 * (ADR 23): {@code teams_allocation_idx} and {@code teams_sync_due_idx} are partial on them. Team rows are
 * locked {@code FOR NO KEY UPDATE}, never {@code FOR UPDATE}: the foreign key checks of invitations take
 * {@code KEY SHARE} on their team, which only {@code FOR UPDATE} would wait for (ADR 28).
 */
final class JooqTeams implements Teams {
    /** The associated data of a sealed team credential: it opens only as a team credential. */
    static final String CREDENTIALS_PURPOSE = "teams.credentials";
    /** Rounds of "skip locked, else wait for a locked team with room" before giving up and queueing. */
    static final int RESERVE_ROUNDS = 8;

    private final DSLContext dsl;
    private final SecretBox secrets;

    JooqTeams(DSLContext dsl, SecretBox secrets) {
        this.dsl = dsl;
        this.secrets = secrets;
    }

    @Override
    public Team create(NewTeam team) {
        try {
            TeamsRecord r = dsl.insertInto(TEAMS)
                    .set(TEAMS.NAME, team.name())
                    .set(TEAMS.PROVIDER_ACCOUNT_ID, team.providerAccountId())
                    .set(TEAMS.SEALED_CREDENTIALS, seal(team.credentials()))
                    .set(TEAMS.MAX_SEATS, team.maxSeats())
                    .set(TEAMS.GROUP_ID, team.group().map(TeamGroupId::value).orElse(null))
                    .returning()
                    .fetchSingle();
            return toDomain(r);
        } catch (DataAccessException e) {
            throw Rows.uniqueViolation(e, Rows.refusal("teams_provider_account_key", ErrorCode.CONFLICT,
                    "a team with provider account " + team.providerAccountId() + " exists already"));
        }
    }

    @Override
    public TeamGroupId createGroup(String name) {
        try {
            return new TeamGroupId(dsl.insertInto(TEAM_GROUPS).set(TEAM_GROUPS.NAME, name)
                    .returning(TEAM_GROUPS.ID).fetchSingle().getId());
        } catch (DataAccessException e) {
            throw Rows.uniqueViolation(e, Rows.refusal("team_groups_name_key", ErrorCode.CONFLICT,
                    "a team group named " + name + " exists already"));
        }
    }

    @Override
    public boolean groupExists(TeamGroupId group) {
        return dsl.fetchExists(TEAM_GROUPS, TEAM_GROUPS.ID.eq(group.value()));
    }

    @Override
    public Optional<Team> findById(TeamId id) {
        return dsl.selectFrom(TEAMS).where(TEAMS.ID.eq(id.value())).fetchOptional().map(JooqTeams::toDomain);
    }

    @Override
    public List<Team> listAll() {
        return dsl.selectFrom(TEAMS).orderBy(TEAMS.ID).fetch(JooqTeams::toDomain);
    }

    @Override
    public Optional<SeatReservation> reserveSeat(Optional<TeamGroupId> group, AllocationPolicy policy) {
        return reserve(group, policy, org.jooq.impl.DSL.noCondition());
    }

    @Override
    public Optional<SeatReservation> reserveSeatElsewhere(Optional<TeamGroupId> group, AllocationPolicy policy, TeamId except) {
        return reserve(group, policy, TEAMS.ID.ne(except.value()));
    }

    @Override
    public Optional<SeatReservation> reserveSeatUnlessQueued(Optional<TeamGroupId> group, AllocationPolicy policy) {
        // literals, not binds: a generic plan must still see the partial indexes' predicates (ADR 23)
        Condition waiting = INVITATIONS.STATE.eq(inline(InvitationState.WAITING.name()))
                .and(group.map(g -> INVITATIONS.QUEUE_GROUP_ID.eq(g.value())).orElse(INVITATIONS.QUEUE_GROUP_ID.isNull()));
        Condition withRoom = withRoom(group, noCondition());
        // the hot path in one statement: nobody waits in the queue (one probe of invitations_waiting_queue_idx),
        // and a team with room that nobody else is seating into right now gets one more seat. The
        // subquery's "teams" is its own FROM item; the outer update re-checks the room on the locked row.
        Optional<SeatReservation> seat = takeSeat(TEAMS.ID.eq(candidate(withRoom.and(notExists(selectOne().from(INVITATIONS)
                .where(waiting))), order(policy)).forNoKeyUpdate().skipLocked().<Long>asField()), withRoom);
        if (seat.isPresent()) {
            return seat;
        }
        // cold paths: a queue (the new invitation waits behind it), no room, or every team with room locked
        if (dsl.fetchExists(INVITATIONS, waiting)) {
            return Optional.empty();
        }
        return reserve(group, policy, noCondition());
    }

    private static Condition withRoom(Optional<TeamGroupId> group, Condition extra) {
        return TEAMS.STATUS.eq(inline(TeamStatus.ACTIVE.name()))
                .and(TEAMS.SEATS_RESERVED.plus(TEAMS.EXTERNAL_SEATS).lt(TEAMS.MAX_SEATS))
                .and(group.map(g -> TEAMS.GROUP_ID.eq(g.value())).orElse(noCondition()))
                .and(extra);
    }

    private static SortField<?>[] order(AllocationPolicy policy) {
        return policy == AllocationPolicy.SPREAD
                ? new SortField<?>[]{TEAMS.MAX_SEATS.minus(TEAMS.SEATS_RESERVED).minus(TEAMS.EXTERNAL_SEATS).desc(), TEAMS.ID.asc()}
                : new SortField<?>[]{TEAMS.ID.asc()};
    }

    private Optional<SeatReservation> reserve(Optional<TeamGroupId> group, AllocationPolicy policy, Condition extra) {
        Condition withRoom = withRoom(group, extra);
        SortField<?>[] order = order(policy);
        for (int round = 0; round < RESERVE_ROUNDS; round++) {
            // 1. a team with room that nobody else is seating into right now
            Optional<SeatReservation> seat = takeSeat(TEAMS.ID.eq(candidate(withRoom, order).forNoKeyUpdate().skipLocked()
                    .<Long>asField()), withRoom);
            if (seat.isPresent()) {
                return seat;
            }
            // 2. every team with room is locked by a concurrent transaction: if any has room at all, wait
            //    for one (its holder commits in milliseconds) instead of queueing needlessly
            if (!dsl.fetchExists(TEAMS, withRoom)) {
                return Optional.empty();
            }
            seat = waitForTeam(withRoom, order);
            if (seat.isPresent()) {
                return seat;
            }
        }
        return Optional.empty();
    }

    /**
     * Waits for the first team with room and takes a seat in it when it still has room once its holder
     * has committed. The wait runs in a savepoint that is rolled back when the team has filled up
     * meanwhile: PostgreSQL keeps the row lock of a {@code FOR UPDATE} (or an {@code UPDATE}) whose
     * re-check fails, and a transaction that waits for a second team while keeping the lock of a full
     * one could close a cycle with another doing the same the other way round (ADR 28). So a
     * reservation holds at most the one team it took a seat in.
     */
    private Optional<SeatReservation> waitForTeam(Condition withRoom, SortField<?>[] order) {
        try {
            return dsl.transactionResult(() -> { // no-argument callable: a savepoint in the surrounding transaction
                Optional<SeatReservation> seat = candidate(withRoom, order).forNoKeyUpdate().fetchOptional(TEAMS.ID)
                        .flatMap(team -> takeSeat(TEAMS.ID.eq(team), withRoom));
                if (seat.isEmpty()) {
                    throw new FilledMeanwhile();
                }
                return seat;
            });
        } catch (FilledMeanwhile e) {
            return Optional.empty();
        }
    }

    /** Rolls the waiting savepoint back: the team waited for had no room left. */
    private static final class FilledMeanwhile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FilledMeanwhile() {
            super(null, null, false, false);
        }
    }

    /** One more seat in the team {@code which} selects, only while it still has room; its id and name. */
    private Optional<SeatReservation> takeSeat(Condition which, Condition withRoom) {
        return dsl.update(TEAMS)
                .set(TEAMS.SEATS_RESERVED, TEAMS.SEATS_RESERVED.plus(1))
                .set(TEAMS.UPDATED_AT, currentOffsetDateTime())
                .where(which)
                .and(withRoom)
                .returning(TEAMS.ID, TEAMS.NAME)
                .fetchOptional()
                .map(r -> new SeatReservation(new TeamId(r.getId()), r.getName()));
    }

    private SelectLimitPercentStep<org.jooq.Record1<Long>> candidate(Condition withRoom, SortField<?>[] order) {
        return dsl.select(TEAMS.ID).from(TEAMS).where(withRoom).orderBy(order).limit(1);
    }

    @Override
    public void releaseSeat(TeamId team) {
        dsl.update(TEAMS)
                .set(TEAMS.SEATS_RESERVED, greatest(TEAMS.SEATS_RESERVED.minus(1), inline(0)))
                .set(TEAMS.UPDATED_AT, currentOffsetDateTime())
                .where(TEAMS.ID.eq(team.value()))
                .execute();
    }

    @Override
    public void setStatus(TeamId team, TeamStatus status) {
        dsl.update(TEAMS).set(TEAMS.STATUS, status.name()).set(TEAMS.UPDATED_AT, currentOffsetDateTime())
                .where(TEAMS.ID.eq(team.value())).execute();
    }

    /** Seals the credentials here, like {@link #create}; one conditional statement for the status. */
    @Override
    public Optional<Team> storeVerifiedCredentials(TeamId team, String credentials) {
        return dsl.update(TEAMS)
                .set(TEAMS.SEALED_CREDENTIALS, seal(credentials))
                .set(TEAMS.STATUS, org.jooq.impl.DSL.when(TEAMS.STATUS.eq(TeamStatus.TOKEN_INVALID.name()), inline(TeamStatus.ACTIVE.name()))
                        .otherwise(TEAMS.STATUS))
                .set(TEAMS.UPDATED_AT, currentOffsetDateTime())
                .where(TEAMS.ID.eq(team.value()))
                .returning()
                .fetchOptional()
                .map(JooqTeams::toDomain);
    }

    /**
     * Opens the sealed credentials; a value that cannot be opened (altered, or sealed under a key
     * that is not configured) throws {@link SecretBoxException} naming the team, never the secret.
     */
    @Override
    public Optional<TeamAccount> account(TeamId team) {
        return dsl.select(TEAMS.ID, TEAMS.PROVIDER_ACCOUNT_ID, TEAMS.SEALED_CREDENTIALS).from(TEAMS)
                .where(TEAMS.ID.eq(team.value()))
                .fetchOptional(r -> new TeamAccount(new TeamId(r.value1()), r.value2(), open(r.value1(), r.value3())));
    }

    private String seal(String credentials) {
        return credentials == null || credentials.isBlank() ? null : secrets.seal(credentials, CREDENTIALS_PURPOSE);
    }

    private String open(long teamId, String sealed) {
        if (sealed == null) {
            return "";
        }
        try {
            return secrets.open(sealed, CREDENTIALS_PURPOSE);
        } catch (SecretBoxException e) {
            throw new SecretBoxException("the credentials of team " + teamId + " cannot be opened: " + e.getMessage());
        }
    }

    /**
     * The start-up pass over every sealed credential (ADR 16), in one transaction: values under a
     * previous key are sealed again under the current one; values that fail authentication put
     * their team in TOKEN_INVALID (no allocation, visible to staff, fixed by entering the
     * credentials again). A value under a key that is not configured stops it: nothing is changed
     * and the caller must not start.
     */
    SecretsCheck checkSealedCredentials() {
        List<Record2<Long, String>> rows = dsl.select(TEAMS.ID, TEAMS.SEALED_CREDENTIALS).from(TEAMS)
                .where(TEAMS.SEALED_CREDENTIALS.isNotNull()).orderBy(TEAMS.ID).forUpdate().fetch();
        java.util.Set<String> unknown = new java.util.TreeSet<>();
        List<TeamId> unreadable = new java.util.ArrayList<>();
        int resealed = 0;
        for (Record2<Long, String> row : rows) {
            String keyId = SecretBox.keyIdOf(row.value2());
            if (!keyId.isEmpty() && !secrets.keys().ids().contains(keyId)) {
                unknown.add(keyId);
                continue;
            }
            String plain;
            try {
                plain = secrets.open(row.value2(), CREDENTIALS_PURPOSE);
            } catch (SecretBoxException e) {
                unreadable.add(new TeamId(row.value1()));
                continue;
            }
            if (!secrets.isCurrent(row.value2())) {
                dsl.update(TEAMS).set(TEAMS.SEALED_CREDENTIALS, secrets.seal(plain, CREDENTIALS_PURPOSE))
                        .set(TEAMS.UPDATED_AT, currentOffsetDateTime()).where(TEAMS.ID.eq(row.value1())).execute();
                resealed++;
            }
        }
        if (!unknown.isEmpty()) {
            throw new SecretBoxException("team credentials are sealed with key(s) " + unknown
                    + " that are not configured (configured: " + secrets.keys().ids() + ")");
        }
        for (TeamId id : unreadable) {
            setStatus(id, TeamStatus.TOKEN_INVALID);
        }
        return new SecretsCheck(rows.size(), resealed, List.copyOf(unreadable));
    }

    /** What {@link #checkSealedCredentials()} found: sealed values, how many were sealed again, which failed. */
    record SecretsCheck(int sealed, int resealed, List<TeamId> unreadable) {
    }

    @Override
    public SeatSummary seatSummary() {
        Record4<Integer, java.math.BigDecimal, java.math.BigDecimal, java.math.BigDecimal> seats = dsl
                .select(count(),
                        coalesce(sum(TEAMS.MAX_SEATS), java.math.BigDecimal.ZERO),
                        coalesce(sum(TEAMS.SEATS_RESERVED.plus(TEAMS.EXTERNAL_SEATS)), java.math.BigDecimal.ZERO),
                        coalesce(sum(greatest(TEAMS.MAX_SEATS.minus(TEAMS.SEATS_RESERVED).minus(TEAMS.EXTERNAL_SEATS), inline(0))), java.math.BigDecimal.ZERO))
                .from(TEAMS)
                .where(TEAMS.STATUS.eq(inline(TeamStatus.ACTIVE.name())))
                .fetchSingle();
        long waiting = dsl.fetchCount(INVITATIONS, INVITATIONS.STATE.eq(inline("WAITING")));
        return new SeatSummary(seats.value1(), seats.value2().longValue(), seats.value3().longValue(),
                seats.value4().longValue(), waiting);
    }

    @Override
    public Optional<Team> update(TeamId team, TeamChanges changes) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        changes.name().ifPresent(name -> values.put(TEAMS.NAME, name));
        changes.maxSeats().ifPresent(max -> values.put(TEAMS.MAX_SEATS, max));
        changes.status().ifPresent(status -> values.put(TEAMS.STATUS, status.name()));
        if (changes.changeGroup()) {
            values.put(TEAMS.GROUP_ID, changes.group().map(TeamGroupId::value).orElse(null));
        }
        values.put(TEAMS.UPDATED_AT, currentOffsetDateTime());
        // the seats-in-use check and the write are one statement: no reservation slips in between
        Condition fits = changes.maxSeats()
                .map(max -> TEAMS.SEATS_RESERVED.plus(TEAMS.EXTERNAL_SEATS).le(max))
                .orElse(noCondition());
        Optional<Team> updated = dsl.update(TEAMS).set(values)
                .where(TEAMS.ID.eq(team.value())).and(fits)
                .returning().fetchOptional().map(JooqTeams::toDomain);
        if (updated.isPresent() || changes.maxSeats().isEmpty()) {
            return updated;
        }
        Optional<Team> current = findById(team);
        current.ifPresent(t -> {
            throw seatsInUse(t, changes.maxSeats().get());
        });
        return Optional.empty();
    }

    static DomainException seatsInUse(Team team, int maxSeats) {
        return new DomainException(ErrorCode.CONFLICT, "max_seats " + maxSeats + " is below the " + team.seatsInUse()
                + " seats in use in team " + team.id().value() + " (" + team.seatsReserved() + " held by invitations, "
                + team.externalSeats() + " external members)");
    }

    @Override
    public List<TeamId> dueForSync(Instant now, int limit) {
        return dsl.select(TEAMS.ID).from(TEAMS)
                .where(TEAMS.STATUS.in(inline(TeamStatus.ACTIVE.name()), inline(TeamStatus.PAUSED.name())))
                .and(TEAMS.NEXT_SYNC_AT.isNull().or(TEAMS.NEXT_SYNC_AT.le(Rows.at(now))))
                .orderBy(TEAMS.NEXT_SYNC_AT.asc().nullsFirst(), TEAMS.ID)
                .limit(limit)
                .fetch(r -> new TeamId(r.value1()));
    }

    @Override
    public ExternalSeats recordSync(TeamId team, List<ProviderMember> external, Instant now, Instant nextSyncAt) {
        Integer before = dsl.select(TEAMS.EXTERNAL_SEATS).from(TEAMS).where(TEAMS.ID.eq(team.value())).forNoKeyUpdate()
                .fetchOptional(TEAMS.EXTERNAL_SEATS)
                .orElseThrow(() -> new java.util.NoSuchElementException("no team " + team.value()));
        Map<String, ProviderMember> byEmail = new LinkedHashMap<>();
        external.forEach(m -> byEmail.putIfAbsent(m.email().value(), m));
        dsl.deleteFrom(TEAM_EXTERNAL_MEMBERS)
                .where(TEAM_EXTERNAL_MEMBERS.TEAM_ID.eq(team.value()))
                .and(byEmail.isEmpty() ? noCondition() : TEAM_EXTERNAL_MEMBERS.EMAIL.notIn(byEmail.keySet()))
                .execute();
        if (!byEmail.isEmpty()) {
            var insert = dsl.insertInto(TEAM_EXTERNAL_MEMBERS, TEAM_EXTERNAL_MEMBERS.TEAM_ID, TEAM_EXTERNAL_MEMBERS.EMAIL,
                    TEAM_EXTERNAL_MEMBERS.PROVIDER_USER_ID, TEAM_EXTERNAL_MEMBERS.ROLE, TEAM_EXTERNAL_MEMBERS.JOINED_AT,
                    TEAM_EXTERNAL_MEMBERS.FIRST_SEEN_AT);
            for (ProviderMember m : byEmail.values()) {
                insert = insert.values(team.value(), m.email().value(), m.userId(), m.role(), Rows.at(m.joinedAt()), Rows.at(now));
            }
            var t = TEAM_EXTERNAL_MEMBERS;
            // a member seen before keeps its row (and first-seen time); only changed provider fields are written
            insert.onConflict(t.TEAM_ID, t.EMAIL).doUpdate()
                    .set(t.PROVIDER_USER_ID, excluded(t.PROVIDER_USER_ID))
                    .set(t.ROLE, excluded(t.ROLE))
                    .set(t.JOINED_AT, excluded(t.JOINED_AT))
                    .where(row(t.PROVIDER_USER_ID, t.ROLE, t.JOINED_AT)
                            .isDistinctFrom(row(excluded(t.PROVIDER_USER_ID), excluded(t.ROLE), excluded(t.JOINED_AT))))
                    .execute();
        }
        dsl.update(TEAMS)
                .set(TEAMS.EXTERNAL_SEATS, byEmail.size())
                .set(TEAMS.LAST_SYNCED_AT, Rows.at(now))
                .setNull(TEAMS.LAST_SYNC_ERROR)
                .set(TEAMS.SYNC_FAILURES, 0)
                .set(TEAMS.NEXT_SYNC_AT, Rows.at(nextSyncAt))
                .set(TEAMS.UPDATED_AT, byEmail.size() == before ? TEAMS.UPDATED_AT : currentOffsetDateTime())
                .where(TEAMS.ID.eq(team.value()))
                .execute();
        return new ExternalSeats(before, byEmail.size());
    }

    @Override
    public void recordSyncFailure(TeamId team, String error, Instant nextSyncAt) {
        dsl.update(TEAMS)
                .set(TEAMS.LAST_SYNC_ERROR, error)
                .set(TEAMS.SYNC_FAILURES, TEAMS.SYNC_FAILURES.plus(1))
                .set(TEAMS.NEXT_SYNC_AT, Rows.at(nextSyncAt))
                .where(TEAMS.ID.eq(team.value()))
                .execute();
    }

    @Override
    public List<ExternalMember> externalMembers(TeamId team) {
        return dsl.selectFrom(TEAM_EXTERNAL_MEMBERS)
                .where(TEAM_EXTERNAL_MEMBERS.TEAM_ID.eq(team.value()))
                .orderBy(TEAM_EXTERNAL_MEMBERS.EMAIL)
                .fetch(r -> new ExternalMember(Email.of(r.getEmail()), Optional.ofNullable(r.getProviderUserId()),
                        Optional.ofNullable(r.getRole()), Optional.ofNullable(Rows.instant(r.getJoinedAt())),
                        Rows.instant(r.getFirstSeenAt())));
    }

    static Team toDomain(TeamsRecord r) {
        return Team.restore(new TeamId(r.getId()), r.getName(), r.getProviderAccountId(), r.getMaxSeats(),
                r.getSeatsReserved(), r.getExternalSeats(), r.getGroupId() == null ? null : new TeamGroupId(r.getGroupId()),
                TeamStatus.valueOf(r.getStatus()), Rows.instant(r.getCreatedAt()),
                new Team.Sync(Rows.instant(r.getLastSyncedAt()), r.getLastSyncError(), r.getSyncFailures(),
                        Rows.instant(r.getNextSyncAt())));
    }
}

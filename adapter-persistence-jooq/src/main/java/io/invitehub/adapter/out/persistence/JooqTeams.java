package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.records.TeamsRecord;
import io.invitehub.application.port.out.NewTeam;
import io.invitehub.application.port.out.SeatReservation;
import io.invitehub.application.port.out.SeatSummary;
import io.invitehub.application.port.out.Teams;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamAccount;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Record4;
import org.jooq.SelectLimitPercentStep;
import org.jooq.SortField;
import org.jooq.exception.DataAccessException;

import java.util.List;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.generated.Tables.INVITATIONS;
import static io.invitehub.adapter.out.persistence.generated.Tables.TEAMS;
import static io.invitehub.adapter.out.persistence.generated.Tables.TEAM_GROUPS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.sum;

/**
 * Teams in PostgreSQL. Seats are taken on one team row at a time with an atomic counter. Credentials
 * are sealed here, at the storage boundary (ADR 16): {@code sealed_credentials} only ever holds
 * {@link SecretBox} text, and only {@link #account} opens it again.
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

    private Optional<SeatReservation> reserve(Optional<TeamGroupId> group, AllocationPolicy policy, Condition extra) {
        Condition withRoom = TEAMS.STATUS.eq(TeamStatus.ACTIVE.name())
                .and(TEAMS.SEATS_RESERVED.plus(TEAMS.EXTERNAL_SEATS).lt(TEAMS.MAX_SEATS))
                .and(group.map(g -> TEAMS.GROUP_ID.eq(g.value())).orElse(org.jooq.impl.DSL.noCondition()))
                .and(extra);
        SortField<?>[] order = policy == AllocationPolicy.SPREAD
                ? new SortField<?>[]{TEAMS.MAX_SEATS.minus(TEAMS.SEATS_RESERVED).minus(TEAMS.EXTERNAL_SEATS).desc(), TEAMS.ID.asc()}
                : new SortField<?>[]{TEAMS.ID.asc()};
        for (int round = 0; round < RESERVE_ROUNDS; round++) {
            // 1. a team with room that nobody else is seating into right now
            Optional<Long> team = candidate(withRoom, order).forUpdate().skipLocked().fetchOptional(TEAMS.ID);
            if (team.isEmpty()) {
                // 2. every team with room is locked by a concurrent redemption: if any has room at all,
                //    wait for one (its holder commits in milliseconds) instead of queueing needlessly
                if (!dsl.fetchExists(TEAMS, withRoom)) {
                    return Optional.empty();
                }
                team = candidate(withRoom, order).forUpdate().fetchOptional(TEAMS.ID);
            }
            if (team.isPresent()) {
                Optional<SeatReservation> seat = dsl.update(TEAMS)
                        .set(TEAMS.SEATS_RESERVED, TEAMS.SEATS_RESERVED.plus(1))
                        .set(TEAMS.UPDATED_AT, currentOffsetDateTime())
                        .where(TEAMS.ID.eq(team.get()))
                        .and(withRoom)
                        .returning(TEAMS.ID, TEAMS.NAME)
                        .fetchOptional()
                        .map(r -> new SeatReservation(new TeamId(r.getId()), r.getName()));
                if (seat.isPresent()) {
                    return seat;
                }
            }
        }
        return Optional.empty();
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
                .where(TEAMS.STATUS.eq(TeamStatus.ACTIVE.name()))
                .fetchSingle();
        long waiting = dsl.fetchCount(INVITATIONS, INVITATIONS.STATE.eq("WAITING"));
        return new SeatSummary(seats.value1(), seats.value2().longValue(), seats.value3().longValue(),
                seats.value4().longValue(), waiting);
    }

    static Team toDomain(TeamsRecord r) {
        return Team.restore(new TeamId(r.getId()), r.getName(), r.getProviderAccountId(), r.getMaxSeats(),
                r.getSeatsReserved(), r.getExternalSeats(), r.getGroupId() == null ? null : new TeamGroupId(r.getGroupId()),
                TeamStatus.valueOf(r.getStatus()), Rows.instant(r.getCreatedAt()));
    }
}

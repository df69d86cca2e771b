package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.records.TeamsRecord;
import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.application.shared.port.out.Seats;
import io.invitehub.application.shared.port.out.Teams;
import io.invitehub.application.shared.view.ExternalMember;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamAccount;
import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.exception.DataAccessException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.generated.Tables.TEAMS;
import static io.invitehub.adapter.out.persistence.generated.Tables.TEAM_EXTERNAL_MEMBERS;
import static io.invitehub.adapter.out.persistence.generated.Tables.TEAM_GROUPS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;

/**
 * Teams in PostgreSQL. Seats are taken on one team row at a time with an atomic counter. Credentials
 * are sealed here, at the storage boundary (ADR 16): {@code sealed_credentials} only ever holds
 * {@link SecretBox} text, and only {@link #account} opens it again. Statuses in predicates are literals
 * (ADR 23): {@code teams_allocation_idx} and {@code teams_sync_due_idx} are partial on them. Seats and
 * syncs lock team rows {@code FOR NO KEY UPDATE} ({@link JooqSeats}, {@link JooqSyncSchedule}; ADR 28).
 */
final class JooqTeams implements Teams {
    /** The associated data of a sealed team credential: it opens only as a team credential. */
    static final String CREDENTIALS_PURPOSE = "teams.credentials";

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

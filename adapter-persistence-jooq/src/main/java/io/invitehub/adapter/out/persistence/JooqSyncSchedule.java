package io.invitehub.adapter.out.persistence;

import io.invitehub.application.shared.port.out.ProviderMember;
import io.invitehub.application.sync.port.out.SyncSchedule.ExternalSeats;
import io.invitehub.application.sync.port.out.SyncSchedule;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.invitehub.adapter.out.persistence.generated.Tables.TEAMS;
import static io.invitehub.adapter.out.persistence.generated.Tables.TEAM_EXTERNAL_MEMBERS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;

/** The acceptance-sync state of teams in PostgreSQL (ADR 13): next_sync_at, failures, external members. */
final class JooqSyncSchedule implements SyncSchedule {
    private final DSLContext dsl;

    JooqSyncSchedule(DSLContext dsl) {
        this.dsl = dsl;
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
        // FOR NO KEY UPDATE, not FOR UPDATE: invitations' foreign key checks (KEY SHARE) need not wait (ADR 28)
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
}

package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.records.InvitationsRecord;
import io.invitehub.application.membership.port.out.RemovalClaim;
import io.invitehub.application.membership.port.out.RemovalClaims;
import io.invitehub.application.membership.view.RemovalFailure;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.invitation.RemovalKind;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamId;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.JooqInvitations.toDomain;
import static io.invitehub.adapter.out.persistence.generated.Tables.INVITATIONS;
import static io.invitehub.adapter.out.persistence.generated.Tables.TEAMS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;

/** Removal claims in PostgreSQL (ADR 11): one conditional update or one SKIP LOCKED batch over the V4 partial indexes. */
final class JooqRemovalClaims implements RemovalClaims {
    /**
     * The columns a removal claim sets (the FROM state is the row's state before the update). A new claim also lifts a
     * removal_failed flag: only an explicit removal (staff, the owner) claims a flagged invitation, and it is the retry
     * of that failure, which either ends the invitation or flags it again if it fails in the background.
     */
    private static final String CLAIM_SET = "state = 'REMOVING', removal_from = i.state, removal_kind = ?,"
            + " removal_started_at = cast(? as timestamptz), removal_due_at = cast(? as timestamptz), removal_attempts = 0,"
            + " removal_error = null, removal_failed = false, updated_at = cast(? as timestamptz)";

    private final DSLContext dsl;

    JooqRemovalClaims(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<RemovalClaim> claimRemoval(InvitationId id, RemovalKind kind, Instant now, Duration lease) {
        List<String> from = claimableFrom(kind);
        String notMoving = kind.waitsForMove() ? " and i.rebind_to is null" : "";
        String states = String.join("', '", from);
        return dsl.resultQuery("update invitations i set " + CLAIM_SET
                                + " where i.id = ? and i.state in ('" + states + "')" + notMoving + " returning i.*",
                        kind.name(), Rows.at(now), Rows.at(now.plus(lease)), Rows.at(now), id.value())
                .fetchInto(INVITATIONS).stream().findFirst().map(JooqRemovalClaims::toClaim);
    }

    @Override
    public List<RemovalClaim> claimUnaccepted(Instant invitedBefore, int limit, Instant now, Duration lease) {
        return claimBatch(RemovalKind.TIMEOUT, "state = 'INVITED' and not removal_failed and invited_at <= cast(? as timestamptz)",
                "invited_at, id", limit, now, lease, Rows.at(invitedBefore));
    }

    @Override
    public List<RemovalClaim> claimExpired(int limit, Instant now, Duration lease) {
        return claimBatch(RemovalKind.EXPIRE, "state in ('INVITED', 'JOINED') and not removal_failed"
                + " and member_ends_at is not null and member_ends_at <= cast(? as timestamptz)", "member_ends_at, id", limit, now, lease, Rows.at(now));
    }

    @Override
    public List<RemovalClaim> claimRebound(int limit, Instant now, Duration lease) {
        return claimBatch(RemovalKind.REBIND, "rebind_to is not null and state = 'JOINED' and exists (select 1 from invitations n"
                + " where n.id = invitations.rebind_to and n.state in ('INVITED', 'JOINED'))", "id", limit, now, lease);
    }

    /** One statement: pick due rows with SKIP LOCKED in {@code order}, claim them, return them in id order. */
    private List<RemovalClaim> claimBatch(RemovalKind kind, String condition, String order, int limit, Instant now,
                                          Duration lease, Object... conditionBinds) {
        List<Object> binds = new java.util.ArrayList<>(List.of(kind.name(), Rows.at(now), Rows.at(now.plus(lease)), Rows.at(now)));
        binds.addAll(List.of(conditionBinds));
        binds.add(limit);
        return dsl.resultQuery("update invitations i set " + CLAIM_SET
                                + " from (select id from invitations where " + condition + " order by " + order
                                + " limit ? for update skip locked) due where i.id = due.id returning i.*", binds.toArray())
                .fetchInto(INVITATIONS).stream().map(JooqRemovalClaims::toClaim)
                .sorted(Comparator.comparingLong(c -> c.invitation().id().value())).toList();
    }

    @Override
    public List<RemovalClaim> claimDueRemovals(int limit, Instant now, Duration lease) {
        return dsl.resultQuery("update invitations i set removal_due_at = cast(? as timestamptz), updated_at = cast(? as timestamptz)"
                                + " from (select id from invitations where state = 'REMOVING' and removal_due_at <= cast(? as timestamptz)"
                                + " order by removal_due_at, id limit ? for update skip locked) due"
                                + " where i.id = due.id and i.state = 'REMOVING' returning i.*",
                        Rows.at(now.plus(lease)), Rows.at(now), Rows.at(now), limit)
                .fetchInto(INVITATIONS).stream().map(JooqRemovalClaims::toClaim)
                .sorted(Comparator.comparingLong(c -> c.invitation().id().value())).toList();
    }

    @Override
    public void scheduleRemovalRetry(InvitationId id, Instant dueAt, String error) {
        dsl.update(INVITATIONS)
                .set(INVITATIONS.REMOVAL_ATTEMPTS, INVITATIONS.REMOVAL_ATTEMPTS.plus(1))
                .set(INVITATIONS.REMOVAL_ERROR, error)
                .set(INVITATIONS.REMOVAL_DUE_AT, Rows.at(dueAt))
                .set(INVITATIONS.UPDATED_AT, currentOffsetDateTime())
                .where(INVITATIONS.ID.eq(id.value()))
                .and(INVITATIONS.STATE.eq(inline(InvitationState.REMOVING.name())))
                .execute();
    }

    @Override
    public Optional<Invitation> abandonRemoval(InvitationId id, Instant now, String error, boolean failed) {
        return dsl.update(INVITATIONS)
                .set(INVITATIONS.STATE, INVITATIONS.REMOVAL_FROM)
                .set(INVITATIONS.REMOVAL_ERROR, error)
                .set(INVITATIONS.REMOVAL_FAILED, failed)
                .setNull(INVITATIONS.REMOVAL_DUE_AT)
                .set(INVITATIONS.UPDATED_AT, Rows.at(now))
                .where(INVITATIONS.ID.eq(id.value()))
                .and(INVITATIONS.STATE.eq(inline(InvitationState.REMOVING.name())))
                .returning().fetchOptional().map(JooqInvitations::toDomain);
    }

    @Override
    public List<RemovalFailure> removalFailures(Optional<InvitationId> after, int limit) {
        return dsl.select(INVITATIONS.ID, INVITATIONS.EMAIL, INVITATIONS.TEAM_ID, TEAMS.NAME, INVITATIONS.STATE,
                        INVITATIONS.REMOVAL_KIND, INVITATIONS.REMOVAL_ATTEMPTS, INVITATIONS.REMOVAL_ERROR, INVITATIONS.UPDATED_AT)
                .from(INVITATIONS).leftJoin(TEAMS).on(TEAMS.ID.eq(INVITATIONS.TEAM_ID))
                .where(INVITATIONS.REMOVAL_FAILED.isTrue())
                .and(INVITATIONS.ID.gt(after.map(InvitationId::value).orElse(0L)))
                .orderBy(INVITATIONS.ID)
                .limit(limit)
                .fetch(r -> new RemovalFailure(new InvitationId(r.value1()), Email.of(r.value2()),
                        Optional.ofNullable(r.value3()).map(TeamId::new), Optional.ofNullable(r.value4()),
                        InvitationState.valueOf(r.value5()), Optional.ofNullable(r.value6()).map(RemovalKind::valueOf),
                        r.value7(), Optional.ofNullable(r.value8()), Rows.instant(r.value9())));
    }

    private static List<String> claimableFrom(RemovalKind kind) {
        return java.util.Arrays.stream(InvitationState.values()).filter(kind::mayClaimFrom).map(Enum::name).toList();
    }

    static RemovalClaim toClaim(InvitationsRecord r) {
        return new RemovalClaim(toDomain(r), RemovalKind.valueOf(r.getRemovalKind()), InvitationState.valueOf(r.getRemovalFrom()),
                r.getRemovalAttempts(), Optional.ofNullable(r.getRebindTo()).map(InvitationId::new));
    }
}

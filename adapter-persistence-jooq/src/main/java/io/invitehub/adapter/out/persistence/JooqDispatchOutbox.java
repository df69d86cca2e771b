package io.invitehub.adapter.out.persistence;

import io.invitehub.application.dispatch.port.out.DispatchClaim;
import io.invitehub.application.dispatch.port.out.DispatchOutbox;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationChange;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.invitehub.adapter.out.persistence.JooqInvitations.toDomain;
import static io.invitehub.adapter.out.persistence.generated.Tables.INVITATIONS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;

/** The dispatch outbox in PostgreSQL (ADR 5, 14): due RESERVED rows claimed with SKIP LOCKED, a lease and a fencing token. */
final class JooqDispatchOutbox implements DispatchOutbox {
    private final DSLContext dsl;

    JooqDispatchOutbox(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public DispatchClaim claimForDispatch(int limit, Instant now, Duration lease) {
        UUID claimToken = UUID.randomUUID();
        // runs in the caller's transaction: the rows stay locked (SKIP LOCKED for other workers)
        // until the lease is written and committed
        List<Long> due = dsl.select(INVITATIONS.ID).from(INVITATIONS)
                .where(INVITATIONS.STATE.eq(inline(InvitationState.RESERVED.name())))
                .and(INVITATIONS.NEXT_ATTEMPT_AT.le(Rows.at(now)))
                .orderBy(INVITATIONS.NEXT_ATTEMPT_AT, INVITATIONS.ID)
                .limit(limit)
                .forUpdate().skipLocked()
                .fetch(INVITATIONS.ID);
        if (due.isEmpty()) {
            return new DispatchClaim(claimToken, List.of());
        }
        Map<Long, Invitation> claimed = new HashMap<>();
        dsl.update(INVITATIONS)
                .set(INVITATIONS.NEXT_ATTEMPT_AT, Rows.at(now.plus(lease)))
                .set(INVITATIONS.CLAIM_TOKEN, claimToken)
                .set(INVITATIONS.UPDATED_AT, currentOffsetDateTime())
                .where(INVITATIONS.ID.in(due))
                .returning()
                .fetch()
                .forEach(r -> claimed.put(r.getId(), toDomain(r)));
        return new DispatchClaim(claimToken, due.stream().map(claimed::get).toList());
    }

    @Override
    public Optional<Invitation> applyClaimed(InvitationChange change, UUID claimToken) {
        if (change.from() != InvitationState.RESERVED) {
            throw new IllegalArgumentException("the outbox holds RESERVED invitations only");
        }
        return JooqInvitations.apply(dsl, change, INVITATIONS.CLAIM_TOKEN.eq(claimToken));
    }

    /**
     * Changes of one kind (same from, to, instant and reason, no seat move: the dispatcher's INVITED outcomes of
     * one provider call) in one statement, {@code … WHERE id = ANY(?) AND state = from AND claim_token = ?}; any
     * other mix one statement each.
     */
    @Override
    public List<Invitation> applyClaimed(List<InvitationChange> changes, UUID claimToken) {
        if (changes.isEmpty()) {
            return List.of();
        }
        InvitationChange first = changes.get(0);
        boolean oneKind = changes.stream().allMatch(c -> c.from() == first.from() && c.to() == first.to() && c.at().equals(first.at())
                && c.endReason().equals(first.endReason()) && c.seatIn().isEmpty());
        if (!oneKind || changes.size() == 1) {
            return DispatchOutbox.super.applyClaimed(changes, claimToken);
        }
        if (first.from() != InvitationState.RESERVED) {
            throw new IllegalArgumentException("the outbox holds RESERVED invitations only");
        }
        Long[] ids = changes.stream().map(c -> c.id().value()).distinct().toArray(Long[]::new);
        Map<Long, Invitation> moved = new HashMap<>();
        JooqInvitations.applyAll(dsl, first, INVITATIONS.ID.eq(DSL.any(ids)), INVITATIONS.CLAIM_TOKEN.eq(claimToken))
                .forEach(i -> moved.put(i.id().value(), i));
        return changes.stream().map(c -> moved.get(c.id().value())).filter(java.util.Objects::nonNull).distinct().toList();
    }

    @Override
    public boolean scheduleRetry(InvitationId id, UUID claimToken, Instant nextAttemptAt, String error) {
        return dsl.update(INVITATIONS)
                .set(INVITATIONS.ATTEMPTS, INVITATIONS.ATTEMPTS.plus(1))
                .set(INVITATIONS.LAST_ERROR, error)
                .set(INVITATIONS.NEXT_ATTEMPT_AT, Rows.at(nextAttemptAt))
                .set(INVITATIONS.UPDATED_AT, currentOffsetDateTime())
                .where(INVITATIONS.ID.eq(id.value()))
                .and(INVITATIONS.STATE.eq(inline(InvitationState.RESERVED.name())))
                .and(INVITATIONS.CLAIM_TOKEN.eq(claimToken))
                .execute() > 0;
    }
}

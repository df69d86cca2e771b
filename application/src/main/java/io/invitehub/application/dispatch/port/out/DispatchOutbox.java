package io.invitehub.application.dispatch.port.out;

import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationChange;
import io.invitehub.domain.invitation.InvitationId;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * RESERVED invitations are the dispatch outbox (ADR 5): claimed by workers with a lease and a fencing
 * token, whose outcomes are recorded only while the rows still carry it (ADR 14).
 */
public interface DispatchOutbox {

    /**
     * Claims up to {@code limit} RESERVED invitations that are due, oldest first, with
     * {@code FOR UPDATE SKIP LOCKED}, and pushes their next attempt {@code lease} into the future so
     * no other worker takes them meanwhile; a worker that dies leaves them due again after the lease.
     * The claim has a new random token that each claimed row carries from now on (fencing): only
     * {@link #applyClaimed} and {@link #scheduleRetry} with that token record an outcome, so a
     * worker whose lease ran out and whose rows were claimed again cannot overwrite the newer claim.
     * Returned in claim order: earliest due first, then by id (a new RESERVED invitation is due when
     * created). Call it inside {@link TransactionRunner#inTransaction}, which makes the claim atomic.
     */
    DispatchClaim claimForDispatch(int limit, Instant now, Duration lease);

    /**
     * Applies {@code change} ({@link Invitation#moveTo} from RESERVED) like {@code Invitations.apply}, but only
     * while the invitation still carries {@code claimToken}; empty when it moved on or was claimed again by
     * another worker.
     */
    Optional<Invitation> applyClaimed(InvitationChange change, UUID claimToken);

    /**
     * {@link #applyClaimed(InvitationChange, UUID)} for each of {@code changes}, in the caller's transaction;
     * returns the invitations that still carried {@code claimToken} and moved, the others are left as they are.
     * The dispatcher records a provider call's INVITED outcomes this way, in one transaction (ADR 56); storage
     * may apply changes of the same kind in one statement.
     */
    default List<Invitation> applyClaimed(List<InvitationChange> changes, UUID claimToken) {
        List<Invitation> applied = new ArrayList<>(changes.size());
        for (InvitationChange change : changes) {
            applyClaimed(change, claimToken).ifPresent(applied::add);
        }
        return applied;
    }

    /**
     * Records one failed attempt of a RESERVED invitation still carrying {@code claimToken}
     * ({@code attempts + 1}) and when to try again. False when it moved on or was claimed again.
     */
    boolean scheduleRetry(InvitationId id, UUID claimToken, Instant nextAttemptAt, String error);
}

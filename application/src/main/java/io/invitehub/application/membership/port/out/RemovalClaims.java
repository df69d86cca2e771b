package io.invitehub.application.membership.port.out;

import io.invitehub.application.membership.view.RemovalFailure;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.RemovalKind;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Removal claims (state REMOVING, ADR 11): one conditional update or one {@code SKIP LOCKED} batch makes
 * exactly one caller the one who talks to the provider; a claim whose process died is due again after its
 * lease; failures are retried with backoff or returned, flagged for staff.
 */
public interface RemovalClaims {

    /**
     * Claims one invitation for removal with one conditional update: {@code SET state = 'REMOVING'
     * WHERE id = ? AND state IN (…)} with the states {@code kind} may be claimed from (and, for the kinds that
     * {@link RemovalKind#waitsForMove()}, only while no rebind of it is under way). Remembers the state it came from, the kind
     * and {@code now} (when the claim happened); the claim is due again (for {@link #claimDueRemovals})
     * {@code lease} later, so a claim whose process died is finished by someone else. Resets the failed
     * attempts. Empty when another caller changed the invitation first: exactly one caller wins.
     */
    Optional<RemovalClaim> claimRemoval(InvitationId id, RemovalKind kind, Instant now, Duration lease);

    /**
     * TIMEOUT claims, at most {@code limit}: INVITED invitations invited at or before {@code invitedBefore}
     * and not flagged {@code removal_failed}, longest invited first, {@code FOR UPDATE SKIP LOCKED}.
     */
    List<RemovalClaim> claimUnaccepted(Instant invitedBefore, int limit, Instant now, Duration lease);

    /**
     * EXPIRE claims, at most {@code limit}: INVITED or JOINED invitations whose code's membership ended at or
     * before {@code now} or whose code is disabled, not flagged {@code removal_failed}, {@code SKIP LOCKED}.
     */
    List<RemovalClaim> claimExpired(int limit, Instant now, Duration lease);

    /** REBIND claims, at most {@code limit}: JOINED invitations whose rebind invitation reached INVITED or JOINED. */
    List<RemovalClaim> claimRebound(int limit, Instant now, Duration lease);

    /**
     * REMOVING invitations that are due ({@code removal_due_at <= now}: a retry after backoff, or a claim
     * whose process died), at most {@code limit}, {@code SKIP LOCKED}; their due time moves {@code lease} ahead.
     */
    List<RemovalClaim> claimDueRemovals(int limit, Instant now, Duration lease);

    /** Records a failed provider attempt of a REMOVING invitation ({@code + 1}), its error, and when it is due again. */
    void scheduleRemovalRetry(InvitationId id, Instant dueAt, String error);

    /**
     * Returns a REMOVING invitation to the state it was claimed from (nothing else moves), with the
     * provider's error; {@code failed} flags it {@code removal_failed} (shown to staff, left out of the
     * timeout and expiry claims). Empty when it is no longer REMOVING.
     */
    Optional<Invitation> abandonRemoval(InvitationId id, Instant now, String error, boolean failed);

    /** Invitations flagged {@code removal_failed}, by id (keyset after {@code after}). */
    List<RemovalFailure> removalFailures(Optional<InvitationId> after, int limit);
}

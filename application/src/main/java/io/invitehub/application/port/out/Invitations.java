package io.invitehub.application.port.out;

import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.invitation.RemovalKind;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Storage of invitations. State changes are conditional updates that only one caller can win. */
public interface Invitations {

    Invitation create(NewInvitation invitation);

    Optional<Invitation> findById(InvitationId id);

    Optional<Invitation> findByPublicId(UUID publicId);

    /**
     * Locks these invitations' rows in ascending id order (the lock order of ADR 28) until the
     * transaction ends and returns their current state in that order; ids without an invitation are
     * left out. For transactions that change several invitations or must hold one before a team row.
     */
    List<Invitation> lockAll(java.util.Collection<InvitationId> ids);

    /**
     * The open (WAITING or seat-holding) invitation of this code for this e-mail, if any; the newest one
     * while a rebind is under way (the member's invitation and the rebind invitation are both open).
     */
    Optional<Invitation> findOpen(RedeemCodeId code, Email email);

    /**
     * An open invitation of this e-mail that came through another code, if any: non-rebind ones first
     * (one at most, by a unique index), then rebind ones, so a member who moved by rebind (whose only
     * open invitation is the rebind one) is still ALREADY_MEMBER for every other code.
     */
    Optional<Invitation> findOpenForOtherCode(Email email, RedeemCodeId code);

    /**
     * Every open invitation of this e-mail, rebind or not, whatever the code, newest first: what
     * {@link #findOpen} and {@link #findOpenForOtherCode} answer between them, in one read (redemption
     * asks both right after locking the code). At most a few rows: one open non-rebind invitation per
     * e-mail (a unique index) and the rebind ones under way.
     */
    List<Invitation> openOfEmail(Email email);

    /** The most recent invitation of this code for this e-mail, open or ended. */
    Optional<Invitation> findLatest(RedeemCodeId code, Email email);

    /**
     * 1-based position of a WAITING invitation in its queue. There is one first-in-first-out queue per
     * team group, by the group of the invitation's code (codes without a group share one queue);
     * position = WAITING invitations of the same queue with a queue sequence up to this one's. Empty when
     * the invitation is not WAITING (any more: a reader may race the promoter).
     */
    Optional<Long> queuePosition(InvitationId id);

    /** Whether any invitation is WAITING in the queue of {@code group} (empty: the queue of ungrouped codes). */
    boolean anyWaiting(Optional<TeamGroupId> group);

    /** The queues that hold at least one WAITING invitation (empty element: the queue of ungrouped codes). */
    List<Optional<TeamGroupId>> waitingQueues();

    /**
     * Takes the promoters' lock for the rest of the surrounding transaction (promoters run one after the
     * other across all nodes, so a younger invitation can never take a seat while an older one of the
     * same queue is being seated, and two promoters never wait on each other's team rows), then locks and returns its up to {@code limit} oldest
     * WAITING invitations in queue order ({@code FOR UPDATE SKIP LOCKED}: rows another transaction is
     * changing, for example a cancellation, are left out). Call inside {@link TransactionRunner#inTransaction}.
     */
    List<Invitation> claimWaiting(Optional<TeamGroupId> group, int limit);

    /**
     * WAITING → RESERVED in {@code team} (whose seat the caller has reserved), due for dispatch at
     * {@code now}. Empty when the invitation is no longer WAITING or its e-mail already holds a seat
     * in that team; the caller then gives the seat back.
     */
    Optional<Invitation> promote(InvitationId id, TeamId team, Instant now);

    /** The seat-holding invitations (RESERVED, INVITED, JOINED, REMOVING) of one team. */
    List<Invitation> seatHolders(TeamId team);

    /**
     * Claims up to {@code limit} RESERVED invitations that are due, oldest first, with
     * {@code FOR UPDATE SKIP LOCKED}, and pushes their next attempt {@code lease} into the future so
     * no other worker takes them meanwhile; a worker that dies leaves them due again after the lease.
     * The claim has a new random token that each claimed row carries from now on (fencing): only
     * {@link #transitionClaimed} and {@link #scheduleRetry} with that token record an outcome, so a
     * worker whose lease ran out and whose rows were claimed again cannot overwrite the newer claim.
     * Returned in claim order: earliest due first, then by id (a new RESERVED invitation is due when
     * created). Call it inside {@link TransactionRunner#inTransaction}, which makes the claim atomic.
     */
    DispatchClaim claimForDispatch(int limit, Instant now, Duration lease);

    /**
     * Like {@link #transition} from RESERVED, but only while the invitation still carries
     * {@code claimToken}; empty when it moved on or was claimed again by another worker.
     */
    Optional<Invitation> transitionClaimed(InvitationId id, UUID claimToken, InvitationState to, Instant now, String endReason);

    /**
     * Moves the invitation from {@code from} to {@code to} if it is still in {@code from}; sets the
     * timestamp that belongs to {@code to} and, for an ended state, {@code endReason}. {@code invited_at}
     * and {@code accepted_at} keep their first value (a return from REMOVING does not move them).
     * Distributor statistics follow every transition in the same transaction (ADR 10). Returns the
     * updated invitation, or empty when another caller changed it first. REMOVING is not entered here
     * but through {@link #claimRemoval} (IllegalArgumentException), which records why and since when, so
     * a claim whose process died can be finished.
     */
    Optional<Invitation> transition(InvitationId id, InvitationState from, InvitationState to, Instant now, String endReason);

    /**
     * Records one failed attempt of a RESERVED invitation still carrying {@code claimToken}
     * ({@code attempts + 1}) and when to try again. False when it moved on or was claimed again.
     */
    boolean scheduleRetry(InvitationId id, UUID claimToken, Instant nextAttemptAt, String error);

    // ---- member lifecycle: removal, timeout, expiry, rebind (SPEC section 6, ADR 11) -----------------

    /** The seat-holding invitation (RESERVED, INVITED, JOINED, REMOVING) of this e-mail in this team, if any. */
    Optional<Invitation> findSeatHolder(TeamId team, Email email);

    /** The most recent invitation of this e-mail in this team, in any state. */
    Optional<Invitation> findLatestInTeam(TeamId team, Email email);

    /**
     * True while {@code rebind}'s move is not settled: the member's old invitation (same code and e-mail,
     * {@code rebind_to} = it) is still JOINED or is being removed (ADR 12, ADR 21). One range of the
     * code's invitations.
     */
    boolean moveUnsettled(Invitation rebind);

    /**
     * Claims one invitation for removal with one conditional update: {@code SET state = 'REMOVING'
     * WHERE id = ? AND state IN (…)} with the states {@code kind} may be claimed from (and, for REMOVE
     * and TIMEOUT, only while no rebind of it is under way). Remembers the state it came from, the kind
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

    /** Records that the JOINED invitation {@code member} is moving to {@code rebind}; false when it is not JOINED or already moving. */
    boolean markRebinding(InvitationId member, InvitationId rebind);

    /**
     * Ends the move of JOINED invitations whose rebind invitation ended without reaching INVITED (FAILED,
     * CANCELLED): the member stays where they are and may try again. Returns those invitations, at most {@code limit}.
     */
    List<Invitation> releaseFailedRebinds(int limit);

    /** Invitations flagged {@code removal_failed}, by id (keyset after {@code after}). */
    List<RemovalFailure> removalFailures(Optional<InvitationId> after, int limit);
}

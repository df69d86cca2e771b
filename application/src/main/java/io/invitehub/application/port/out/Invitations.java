package io.invitehub.application.port.out;

import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;

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

    /** The open (WAITING or seat-holding) invitation of this code for this e-mail, if any. */
    Optional<Invitation> findOpen(RedeemCodeId code, Email email);

    /** An open, non-rebind invitation of this e-mail that came through another code, if any. */
    Optional<Invitation> findOpenForOtherCode(Email email, RedeemCodeId code);

    /** The most recent invitation of this code for this e-mail, open or ended. */
    Optional<Invitation> findLatest(RedeemCodeId code, Email email);

    /** 1-based position of a WAITING invitation in the first-in-first-out queue. */
    long queuePosition(InvitationId id);

    /**
     * Claims up to {@code limit} RESERVED invitations that are due, oldest first, with
     * {@code FOR UPDATE SKIP LOCKED}, and pushes their next attempt {@code lease} into the future so
     * no other worker takes them meanwhile; a worker that dies leaves them due again after the lease.
     * Returned in claim order: earliest due first, then by id (a new RESERVED invitation is due when
     * created). Call it inside {@link TransactionRunner#inTransaction}, which makes the claim atomic.
     */
    List<Invitation> claimForDispatch(int limit, Instant now, Duration lease);

    /**
     * Moves the invitation from {@code from} to {@code to} if it is still in {@code from}; sets the
     * timestamp that belongs to {@code to} and, for an ended state, {@code endReason}. {@code invited_at}
     * and {@code accepted_at} keep their first value (a return from REMOVING does not move them).
     * Distributor statistics follow every transition in the same transaction (ADR 10). Returns the
     * updated invitation, or empty when another caller changed it first.
     */
    Optional<Invitation> transition(InvitationId id, InvitationState from, InvitationState to, Instant now, String endReason);

    /** Records one failed attempt of a RESERVED invitation ({@code attempts + 1}) and when to try again. */
    void scheduleRetry(InvitationId id, Instant nextAttemptAt, String error);
}

package io.invitehub.application.shared.port.out;

import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationChange;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamId;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Storage of invitations: create, read, and apply the transitions {@link Invitation} computes. What only
 * one feature does with them has its own port there: the waiting queue (queue), the dispatch outbox
 * (dispatch), removal claims and rebinds (membership).
 */
public interface Invitations {

    Invitation create(NewInvitation invitation);

    Optional<Invitation> findById(InvitationId id);

    Optional<Invitation> findByPublicId(UUID publicId);

    /**
     * Locks these invitations' rows in ascending id order (the lock order of ADR 28) until the
     * transaction ends and returns their current state in that order; ids without an invitation are
     * left out. For transactions that change several invitations or must hold one before a team row.
     */
    List<Invitation> lockAll(Collection<InvitationId> ids);

    /**
     * The open (WAITING or seat-holding) invitation of this code for this e-mail, if any; the newest one
     * while a rebind is under way (the member's invitation and the rebind invitation are both open).
     */
    Optional<Invitation> findOpen(RedeemCodeId code, Email email);

    /**
     * Every open invitation of this e-mail, rebind or not, whatever the code, newest first, in one read
     * (redemption asks right after locking the code: an open one of this code is a repeat, one of another
     * code is ALREADY_MEMBER). At most a few rows: one open non-rebind invitation per e-mail (a unique
     * index) and the rebind ones under way.
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

    /** The seat-holding invitation (RESERVED, INVITED, JOINED, REMOVING) of this e-mail in this team, if any. */
    Optional<Invitation> findSeatHolder(TeamId team, Email email);

    /** The most recent invitation of this e-mail in this team, in any state. */
    Optional<Invitation> findLatestInTeam(TeamId team, Email email);

    /** The seat-holding invitations (RESERVED, INVITED, JOINED, REMOVING) of one team. */
    List<Invitation> seatHolders(TeamId team);

    /**
     * Applies {@code change} ({@link Invitation#moveTo}) with one conditional update: only while the
     * invitation is still in {@code change.from()}. Sets what the change says (state, first invite and accept
     * times, end time and reason, out of the dispatch outbox); distributor statistics follow in the same
     * transaction (ADR 10). Returns the updated invitation, or empty when another caller changed it first.
     * Entering RESERVED takes a seat and goes through {@code WaitingQueue.promote} (IllegalArgumentException).
     */
    Optional<Invitation> apply(InvitationChange change);
}

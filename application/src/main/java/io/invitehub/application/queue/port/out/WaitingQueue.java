package io.invitehub.application.queue.port.out;

import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationChange;
import io.invitehub.domain.team.TeamGroupId;

import java.util.List;
import java.util.Optional;

/**
 * The waiting queues as the promoter sees them: one first-in-first-out queue of WAITING invitations per
 * team group (by the group of the invitation's code; codes without a group share one).
 */
public interface WaitingQueue {

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
     * Applies {@code promotion} ({@link Invitation#promoteTo}: WAITING → RESERVED in the team whose seat the
     * caller has reserved, due for dispatch at once) with one conditional update. Empty when the invitation
     * is no longer WAITING or its e-mail already holds a seat in that team; the caller then gives the seat back.
     */
    Optional<Invitation> promote(InvitationChange promotion);
}

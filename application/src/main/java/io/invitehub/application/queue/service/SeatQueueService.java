package io.invitehub.application.queue.service;

import io.invitehub.application.queue.port.in.PromoteWaitingUseCase;
import io.invitehub.application.shared.port.out.Invitations;
import io.invitehub.application.shared.port.out.SeatReservation;
import io.invitehub.application.shared.port.out.Teams;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.TeamGroupId;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The waiting-queue promoter (SPEC section 3 step 4, ADR 14). There is one first-in-first-out queue
 * per team group (codes without a group share one queue and may take a seat in any team). For each
 * queue with WAITING invitations, one transaction per batch takes the promoters' lock (promoters run
 * one after the other), locks the queue's oldest WAITING rows, and seats them in queue order with the
 * same atomic reservation as a redemption; the first one that finds no seat ends the batch, so nobody
 * behind it in its queue can overtake it, while other queues carry on. After commit the dispatcher is
 * woken. Runs on wake-ups after a seat may have been freed and by polling.
 */
public final class SeatQueueService implements PromoteWaitingUseCase {
    private static final Logger LOG = Logger.getLogger(SeatQueueService.class.getName());

    private final TransactionRunner transactions;
    private final Invitations invitations;
    private final Teams teams;
    private final WakeUps wakeUps;
    private final Clock clock;
    private final AllocationPolicy policy;
    private final int batchSize;

    public SeatQueueService(TransactionRunner transactions, Invitations invitations, Teams teams, WakeUps wakeUps, Clock clock,
                            AllocationPolicy policy, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        this.transactions = transactions;
        this.invitations = invitations;
        this.teams = teams;
        this.wakeUps = wakeUps;
        this.clock = clock;
        this.policy = policy;
        this.batchSize = batchSize;
    }

    @Override
    public int promoteWaiting() {
        int promoted = 0;
        for (Optional<TeamGroupId> queue : invitations.waitingQueues()) {
            Batch batch;
            do {
                batch = transactions.inTransaction(() -> promoteBatch(queue));
                promoted += batch.promoted();
            } while (batch.full());
        }
        if (promoted > 0) {
            wakeUps.signal(WakeUps.Work.INVITE_DISPATCH);
            int total = promoted;
            LOG.info(() -> total + " waiting invitation(s) got a seat");
        }
        return promoted;
    }

    /** How one batch went: how many were promoted; {@code full} when every claimed row got a seat and more may wait. */
    private record Batch(int promoted, boolean full) {
    }

    private Batch promoteBatch(Optional<TeamGroupId> queue) {
        Instant now = clock.instant();
        List<Invitation> oldest = invitations.claimWaiting(queue, batchSize);
        int promoted = 0;
        for (Invitation waiting : oldest) {
            Optional<SeatReservation> seat = teams.reserveSeat(queue, policy);
            if (seat.isEmpty()) {
                return new Batch(promoted, false); // the head of this queue waits: nobody behind it goes first
            }
            if (invitations.promote(waiting.id(), seat.get().teamId(), now).isPresent()) {
                promoted++;
            } else {
                // it left the queue meanwhile, or its e-mail holds a seat in that team already (a rebind)
                teams.releaseSeat(seat.get().teamId());
            }
        }
        return new Batch(promoted, oldest.size() == batchSize);
    }
}

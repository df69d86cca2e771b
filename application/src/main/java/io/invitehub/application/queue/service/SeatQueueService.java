package io.invitehub.application.queue.service;

import io.invitehub.application.queue.port.in.PromoteWaitingUseCase;
import io.invitehub.application.queue.port.out.WaitingQueue;
import io.invitehub.application.shared.port.out.MailOutbox;
import io.invitehub.application.shared.port.out.MailTemplate;
import io.invitehub.application.shared.port.out.OutgoingMail;
import io.invitehub.application.shared.port.out.SeatReservation;
import io.invitehub.application.shared.port.out.Seats;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.shared.Language;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.TeamGroupId;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The waiting-queue promoter (SPEC section 3 step 4, ADR 14). There is one first-in-first-out queue
 * per team group (codes without a group share one queue and may take a seat in any team). For each
 * queue with WAITING invitations, one transaction per batch takes the promoters' lock (promoters run
 * one after the other), locks the queue's oldest WAITING rows, and seats them in queue order with the
 * same atomic reservation as a redemption; the first one that finds no seat ends the batch, so nobody
 * behind it in its queue can overtake it, while other queues carry on. After commit the dispatcher is
 * woken. Runs on wake-ups after a seat may have been freed and by polling. Each promoted customer is told
 * by e-mail that the seat is theirs: the mail is written to the outbox in the promotion's transaction
 * (issue 16, ADR 41) in the configured language (the customer's own is not known).
 */
public final class SeatQueueService implements PromoteWaitingUseCase {
    private static final Logger LOG = Logger.getLogger(SeatQueueService.class.getName());

    private final TransactionRunner transactions;
    private final WaitingQueue queues;
    private final Seats seats;
    private final WakeUps wakeUps;
    private final Clock clock;
    private final AllocationPolicy policy;
    private final int batchSize;
    private final MailOutbox mail;
    private final Language language;

    /** Without the seat-ready mail (tests of the queue alone). */
    public SeatQueueService(TransactionRunner transactions, WaitingQueue queues, Seats seats, WakeUps wakeUps, Clock clock,
                            AllocationPolicy policy, int batchSize) {
        this(transactions, queues, seats, wakeUps, clock, policy, batchSize, (message, at) -> { }, Language.ZH_CN);
    }

    /** {@code mail}: where the seat-ready mail is written, in {@code language}. */
    public SeatQueueService(TransactionRunner transactions, WaitingQueue queues, Seats seats, WakeUps wakeUps, Clock clock,
                            AllocationPolicy policy, int batchSize, MailOutbox mail, Language language) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        this.transactions = transactions;
        this.queues = queues;
        this.seats = seats;
        this.wakeUps = wakeUps;
        this.clock = clock;
        this.policy = policy;
        this.batchSize = batchSize;
        this.mail = mail;
        this.language = language;
    }

    @Override
    public int promoteWaiting() {
        int promoted = 0;
        for (Optional<TeamGroupId> queue : queues.waitingQueues()) {
            Batch batch;
            do {
                batch = transactions.inTransaction(() -> promoteBatch(queue));
                promoted += batch.promoted();
            } while (batch.full());
        }
        if (promoted > 0) {
            wakeUps.signal(WakeUps.Work.INVITE_DISPATCH);
            wakeUps.signal(WakeUps.Work.MAIL);
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
        List<Invitation> oldest = queues.claimWaiting(queue, batchSize);
        int promoted = 0;
        for (Invitation waiting : oldest) {
            Optional<SeatReservation> seat = seats.reserveSeat(queue, policy);
            if (seat.isEmpty()) {
                return new Batch(promoted, false); // the head of this queue waits: nobody behind it goes first
            }
            if (queues.promote(waiting.promoteTo(seat.get().teamId(), now)).isPresent()) {
                promoted++;
                mail.enqueue(new OutgoingMail(waiting.email(), language, MailTemplate.SEAT_READY,
                        Map.of("team", seat.get().teamName(), "invitation_id", waiting.publicId().toString())), now);
            } else {
                // it left the queue meanwhile, or its e-mail holds a seat in that team already (a rebind)
                seats.releaseSeat(seat.get().teamId());
            }
        }
        return new Batch(promoted, oldest.size() == batchSize);
    }
}

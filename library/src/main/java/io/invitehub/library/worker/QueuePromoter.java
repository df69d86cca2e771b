package io.invitehub.library.worker;

import io.invitehub.application.queue.port.in.PromoteWaitingUseCase;
import io.invitehub.application.shared.port.out.WakeUps;

import java.time.Duration;

/**
 * One thread that seats WAITING invitations: it runs the promoter when a seat may have been freed
 * (wake-up {@link WakeUps.Work#SEAT_PROMOTION}) and at least every poll interval, so a lost wake-up
 * (or a release by a path that does not signal) only delays a promotion (ADR 14).
 */
public final class QueuePromoter implements AutoCloseable {
    private final WorkLoops loop;

    public QueuePromoter(PromoteWaitingUseCase promoter, WakeUps wakeUps, Duration pollInterval) {
        // every pass waits for the next wake-up or poll: a pass seats all it can, more work only comes with a release
        this.loop = new WorkLoops("queue-promoter", 1, () -> {
            promoter.promoteWaiting();
            return false;
        }, wakeUps, WakeUps.Work.SEAT_PROMOTION, pollInterval);
        loop.start();
    }

    @Override
    public void close() {
        loop.close();
    }
}

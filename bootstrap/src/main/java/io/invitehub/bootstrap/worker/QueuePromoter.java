package io.invitehub.bootstrap.worker;

import io.invitehub.application.port.in.PromoteWaitingUseCase;
import io.invitehub.application.port.out.WakeUps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * One thread that seats WAITING invitations: it runs the promoter when a seat may have been freed
 * (wake-up {@link WakeUps.Work#SEAT_PROMOTION}) and at least every poll interval, so a lost wake-up
 * (or a release by a path that does not signal) only delays a promotion (ADR 14).
 */
public final class QueuePromoter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueuePromoter.class);
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

    private final PromoteWaitingUseCase promoter;
    private final WakeUps wakeUps;
    private final Duration pollInterval;
    private final Thread thread;
    private volatile boolean running = true;

    public QueuePromoter(PromoteWaitingUseCase promoter, WakeUps wakeUps, Duration pollInterval) {
        this.promoter = promoter;
        this.wakeUps = wakeUps;
        this.pollInterval = pollInterval;
        this.thread = new Thread(this::loop, "queue-promoter");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                promoter.promoteWaiting();
                wakeUps.await(WakeUps.Work.SEAT_PROMOTION, pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("waiting-queue promotion failed; retrying in {}", ERROR_PAUSE, e);
                try {
                    Thread.sleep(ERROR_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

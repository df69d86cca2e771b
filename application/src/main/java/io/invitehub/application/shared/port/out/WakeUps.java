package io.invitehub.application.shared.port.out;

import java.time.Duration;

/**
 * Wakes background workers when committed rows hold new work, so they need not wait for the next
 * poll. A lost wake-up only delays work: workers still poll.
 */
public interface WakeUps {
    enum Work {
        INVITE_DISPATCH,
        ORDER_FULFILMENT,
        /** A seat may have become free (released, more seats, a team back to ACTIVE): promote WAITING invitations. */
        SEAT_PROMOTION,
        /** Mail was written to the outbox. */
        MAIL,
        /** Webhook deliveries were written to the outbox. */
        WEBHOOKS
    }

    void signal(Work work);

    /** Waits until {@code work} is signalled or {@code max} passes; true when signalled. */
    boolean await(Work work, Duration max) throws InterruptedException;
}

package io.invitehub.application.webhooks.view;

import io.invitehub.domain.webhook.EventType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One event's delivery to one endpoint, as its log shows it: PENDING (due at {@code nextAttemptAt}),
 * SENDING (a worker holds it), DELIVERED, or FAILED (given up; a redeliver sends it again), with its
 * latest attempts, newest first.
 */
public record DeliveryView(long id, long endpointId, long eventId, EventType type, String status, int attempts,
                           Optional<Integer> lastStatusCode, Optional<String> lastError, Optional<Instant> nextAttemptAt,
                           Optional<Instant> deliveredAt, Instant createdAt, List<Attempt> recentAttempts) {
    public DeliveryView {
        recentAttempts = List.copyOf(recentAttempts);
    }

    /** One try: when, the receiver's HTTP status (none when no answer came), the error, how long it took. */
    public record Attempt(Instant at, Optional<Integer> statusCode, Optional<String> error, long durationMillis) {
    }
}

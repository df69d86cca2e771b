package io.invitehub.application.shop.service;

import java.time.Duration;
import java.util.Objects;

/**
 * The order-query fallback's pacing (SPEC 7): how long after the buyer's return a missing notification is
 * first asked about at the gateway, the pause between queries (doubled per query, at most {@code maxBackoff}),
 * and how many orders one pass asks about.
 */
public record PaymentQuerySettings(Duration afterReturn, Duration backoff, Duration maxBackoff, int batch) {
    public PaymentQuerySettings {
        Objects.requireNonNull(afterReturn, "afterReturn");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (afterReturn.isNegative() || backoff.isNegative() || backoff.isZero() || maxBackoff.compareTo(backoff) < 0 || batch < 1) {
            throw new IllegalArgumentException("query pacing must be positive, maxBackoff at least backoff");
        }
    }

    public static PaymentQuerySettings defaults() {
        return new PaymentQuerySettings(Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofMinutes(4), 100);
    }
}

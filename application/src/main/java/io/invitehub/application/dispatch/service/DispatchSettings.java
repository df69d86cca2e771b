package io.invitehub.application.dispatch.service;

import java.time.Duration;

/**
 * Tunables of the invite dispatcher: batch size, bounded attempts with exponential backoff, and the
 * lease after which a claimed but unfinished invitation is due again (a crashed worker's work).
 */
public record DispatchSettings(int batchSize, int maxAttempts, Duration backoffBase, Duration backoffMax, Duration lease) {
    public DispatchSettings {
        if (batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("batchSize and maxAttempts must be at least 1");
        }
        if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0 || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("backoff and lease must be positive, backoffMax >= backoffBase");
        }
    }

    public static DispatchSettings defaults() {
        return new DispatchSettings(50, 5, Duration.ofSeconds(2), Duration.ofMinutes(2), Duration.ofMinutes(2));
    }

    /** The wait before attempt number {@code failedAttempts + 1}: base × 2^(failedAttempts − 1), capped. */
    public Duration backoff(int failedAttempts) {
        int shift = Math.min(Math.max(failedAttempts - 1, 0), 20);
        Duration wait = backoffBase.multipliedBy(1L << shift);
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }
}

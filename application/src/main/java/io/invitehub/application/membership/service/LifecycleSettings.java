package io.invitehub.application.membership.service;

import java.time.Duration;

/**
 * Tunables of the member lifecycle (SPEC sections 3 and 6): how long an invite may stay unaccepted,
 * the rebind window after activation, the batch of each background pass, bounded provider attempts
 * with exponential backoff, and the lease of a removal claim (after which a claim whose process died
 * is due again; keep it well above the provider's call timeout).
 */
public record LifecycleSettings(Duration inviteTimeout, Duration rebindWindow, int batchSize, int maxAttempts,
                                Duration backoffBase, Duration backoffMax, Duration lease) {
    public LifecycleSettings {
        if (batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("batchSize and maxAttempts must be at least 1");
        }
        if (inviteTimeout.isNegative() || inviteTimeout.isZero() || rebindWindow.isNegative()) {
            throw new IllegalArgumentException("inviteTimeout must be positive and rebindWindow not negative");
        }
        if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0 || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("backoff and lease must be positive, backoffMax >= backoffBase");
        }
    }

    public static LifecycleSettings defaults() {
        return new LifecycleSettings(Duration.ofDays(7), Duration.ofDays(15), 100, 5, Duration.ofSeconds(30),
                Duration.ofMinutes(30), Duration.ofMinutes(2));
    }

    /** The wait before attempt {@code failedAttempts + 1}: base × 2^(failedAttempts − 1), capped. */
    public Duration backoff(int failedAttempts) {
        int shift = Math.min(Math.max(failedAttempts - 1, 0), 20);
        Duration wait = backoffBase.multipliedBy(1L << shift);
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }
}

package io.invitehub.application.idempotency.service;

import java.time.Duration;
import java.util.Objects;

/** How long a key is kept (Stripe: a day) and how many expired keys one purge statement deletes. */
public record IdempotencySettings(Duration keep, int purgeBatch) {
    public IdempotencySettings {
        Objects.requireNonNull(keep, "keep");
        if (keep.isNegative() || keep.isZero() || purgeBatch < 1) {
            throw new IllegalArgumentException("keep and purgeBatch must be positive");
        }
    }

    public static IdempotencySettings defaults() {
        return new IdempotencySettings(Duration.ofHours(24), 1_000);
    }
}

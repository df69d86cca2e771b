package io.invitehub.application.webhooks.service;

import java.time.Duration;

/**
 * Webhook delivery (ADR 42): a claim's lease (longer than one request may take), how long a delivery is
 * retried after its event ({@code retryFor}, days), the backoff (doubling from {@code backoffBase}, at most
 * {@code backoffMax}), the endpoints one owner may have, and whether plain-http URLs may be registered (the
 * development setting; the delivery's address check follows the same setting, see the sender), and how long
 * settled events are kept with their deliveries and log (at least {@code retryFor}).
 */
public record WebhookSettings(Duration lease, Duration retryFor, Duration backoffBase, Duration backoffMax, int maxEndpointsPerOwner,
                              boolean allowPlainHttp, Duration retention) {
    /** Settled events deleted per batch of the retention job. */
    public static final int PURGE_BATCH = 1_000;

    public WebhookSettings {
        if (lease.isNegative() || lease.isZero() || retryFor.isNegative() || backoffBase.isNegative() || backoffBase.isZero()
                || backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("lease and backoffBase must be positive, backoffMax at least backoffBase");
        }
        if (maxEndpointsPerOwner < 1) {
            throw new IllegalArgumentException("maxEndpointsPerOwner must be at least 1");
        }
    }

    /** Retried for 3 days: 30 s, 1, 2, 4 … minutes, then every 6 hours; 10 endpoints per owner; https only. */
    public static WebhookSettings defaults() {
        return new WebhookSettings(Duration.ofMinutes(1), Duration.ofDays(3), Duration.ofSeconds(30), Duration.ofHours(6), 10, false,
                Duration.ofDays(30));
    }

    /** The wait after the {@code attempt}-th failed attempt. */
    public Duration backoff(int attempt) {
        Duration wait = backoffBase;
        for (int i = 1; i < attempt && wait.compareTo(backoffMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }
}

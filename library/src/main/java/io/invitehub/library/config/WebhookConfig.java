package io.invitehub.library.config;

import java.time.Duration;

/**
 * docs/configuration.md, "Webhooks" (ADR 42): the delivery workers, the timeouts of one delivery, how long and
 * how often a delivery is retried, the endpoints per owner, and {@code INVITEHUB_WEBHOOKS_ALLOW_LOCAL}: the
 * development setting that admits plain-http URLs and loopback receivers (never private or link-local ones).
 */
public record WebhookConfig(int threads, Duration connectTimeout, Duration timeout, Duration retryFor, Duration backoffBase,
                            Duration backoffMax, Duration pollInterval, int maxEndpointsPerOwner, boolean allowLocal, Duration retention) {

    static WebhookConfig read(EnvironmentReader r) {
        return new WebhookConfig(
                r.integer("INVITEHUB_WEBHOOK_THREADS", 2, 1, 16),
                r.positiveDuration("INVITEHUB_WEBHOOK_CONNECT_TIMEOUT", Duration.ofSeconds(5)),
                r.positiveDuration("INVITEHUB_WEBHOOK_TIMEOUT", Duration.ofSeconds(10)),
                r.positiveDuration("INVITEHUB_WEBHOOK_RETRY_FOR", Duration.ofDays(3)),
                r.positiveDuration("INVITEHUB_WEBHOOK_BACKOFF_BASE", Duration.ofSeconds(30)),
                r.positiveDuration("INVITEHUB_WEBHOOK_BACKOFF_MAX", Duration.ofHours(6)),
                r.positiveDuration("INVITEHUB_WEBHOOK_POLL_INTERVAL", Duration.ofSeconds(5)),
                r.integer("INVITEHUB_WEBHOOK_MAX_ENDPOINTS", 10, 1, 1_000),
                r.bool("INVITEHUB_WEBHOOKS_ALLOW_LOCAL", false),
                r.positiveDuration("INVITEHUB_WEBHOOK_RETENTION", Duration.ofDays(30)));
    }
}

package io.invitehub.library.config;

import java.time.Duration;
import java.util.Set;

/**
 * docs/configuration.md, "HTTP": where the server listens, its request threads, the proxies whose X-Forwarded-For
 * is believed, how long an Idempotency-Key is kept and how often expired ones are purged (ADR 44).
 */
public record HttpConfig(String host, int port, int maxThreads, Set<String> trustedProxies, Duration idempotencyKeyTtl,
                         Duration idempotencyPurgeInterval) {

    static HttpConfig read(EnvironmentReader r) {
        return new HttpConfig(
                r.string("INVITEHUB_HTTP_HOST", "127.0.0.1"),
                r.integer("INVITEHUB_HTTP_PORT", 8080, 0, 65535),
                r.integer("INVITEHUB_HTTP_MAX_THREADS", 64, 8, 1000),
                r.trustedProxies("INVITEHUB_TRUSTED_PROXIES"),
                r.duration("INVITEHUB_IDEMPOTENCY_KEY_TTL", Duration.ofHours(24)),
                r.duration("INVITEHUB_IDEMPOTENCY_PURGE_INTERVAL", Duration.ofHours(1)));
    }
}

package io.invitehub.adapter.in.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the HTTP server listens and is sized.
 *
 * @param host           interface to bind; {@code null} or blank binds all interfaces
 * @param port           TCP port; 0 picks a free port (see {@link HttpApi#port()})
 * @param maxThreads     upper bound of Jetty's request thread pool
 * @param minThreads     threads kept alive when idle
 * @param idleTimeout    how long an idle connection (and an idle pool thread) is kept
 * @param trustedProxies remote addresses whose {@code X-Forwarded-For} header is believed
 */
public record HttpSettings(String host, int port, int maxThreads, int minThreads, Duration idleTimeout,
                           Set<String> trustedProxies) {

    public HttpSettings {
        host = host == null || host.isBlank() ? null : host.strip();
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        if (minThreads < 1) {
            throw new IllegalArgumentException("minThreads must be at least 1");
        }
        if (maxThreads < minThreads) {
            throw new IllegalArgumentException("maxThreads must not be below minThreads");
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
        trustedProxies = trustedProxies == null ? Set.of() : Set.copyOf(trustedProxies);
    }
}

package io.invitehub.adapter.out.redis;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Redis and how long to wait for it.
 *
 * @param uri        {@code redis://[user:password@]host:port[/db]} or {@code rediss://…} for TLS
 * @param timeout    connect and read timeout of one command, and the longest wait for a pooled connection;
 *                   a slower Redis counts as down (ADR 19)
 * @param keyPrefix  prepended to every key and channel, so several installations (or tests) can share a server
 * @param pause      after a failure, how long every port skips Redis and uses its fallback before trying again
 * @param maxConnections pool size
 */
public record RedisSettings(URI uri, Duration timeout, String keyPrefix, Duration pause, int maxConnections) {
    public RedisSettings {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("a Redis URL starts with redis:// or rediss://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("a Redis URL names a host");
        }
        if (timeout.isNegative() || timeout.isZero() || pause.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive and pause not negative");
        }
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
    }

    public static RedisSettings of(String url) {
        return new RedisSettings(URI.create(url), Duration.ofMillis(250), "invitehub:", Duration.ofSeconds(2), 32);
    }

    public RedisSettings withKeyPrefix(String prefix) {
        return new RedisSettings(uri, timeout, prefix, pause, maxConnections);
    }

    public RedisSettings withTimeout(Duration value) {
        return new RedisSettings(uri, value, keyPrefix, pause, maxConnections);
    }

    public RedisSettings withPause(Duration value) {
        return new RedisSettings(uri, timeout, keyPrefix, value, maxConnections);
    }

    @Override
    public String toString() {
        // never print a password from the URL
        return "RedisSettings[" + uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort() + ", timeout=" + timeout
                + ", prefix=" + keyPrefix + "]";
    }
}

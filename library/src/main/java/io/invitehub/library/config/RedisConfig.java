package io.invitehub.library.config;

import java.time.Duration;
import java.util.Optional;

/**
 * docs/configuration.md, "Redis": the shared state between nodes (in this process when {@code url} is
 * empty) and the seats cache. The URL may hold a password and is never printed.
 */
public record RedisConfig(Optional<String> url, Duration timeout, String keyPrefix, Duration seatsCacheTtl) {

    static RedisConfig read(EnvironmentReader r) {
        return new RedisConfig(
                r.redisUrl("INVITEHUB_REDIS_URL"),
                r.duration("INVITEHUB_REDIS_TIMEOUT", Duration.ofMillis(250)),
                r.string("INVITEHUB_REDIS_KEY_PREFIX", "invitehub:"),
                r.duration("INVITEHUB_SEATS_CACHE_TTL", Duration.ofSeconds(5)));
    }

    @Override
    public String toString() {
        return "RedisConfig[" + (url.isPresent() ? "set" : "in-process") + ", timeout=" + timeout + ", prefix=" + keyPrefix
                + ", seatsCacheTtl=" + seatsCacheTtl + "]";
    }
}

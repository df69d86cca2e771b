package io.invitehub.bootstrap.assembly;

import io.invitehub.adapter.out.redis.RedisConnection;
import io.invitehub.adapter.out.redis.RedisJobLeases;
import io.invitehub.adapter.out.redis.RedisRateLimiter;
import io.invitehub.adapter.out.redis.RedisSeatsCache;
import io.invitehub.adapter.out.redis.RedisSettings;
import io.invitehub.adapter.out.redis.RedisWakeUps;
import io.invitehub.application.shared.port.out.JobLeases;
import io.invitehub.application.shared.port.out.RateLimiter;
import io.invitehub.application.redemption.port.out.SeatsCache;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.library.config.RedisConfig;
import io.invitehub.library.inprocess.InProcessJobLeases;
import io.invitehub.library.inprocess.InProcessRateLimiter;
import io.invitehub.library.inprocess.InProcessSeatsCache;
import io.invitehub.library.inprocess.InProcessWakeUps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.function.BooleanSupplier;

/**
 * The ports that nodes share: rate limits, job leases, wake-ups and the seats cache. On Redis when
 * {@code INVITEHUB_REDIS_URL} is set (each with its failure mode, ADR 19), in this process otherwise.
 */
public record SharedPorts(RateLimiter rateLimiter, JobLeases jobLeases, WakeUps wakeUps, SeatsCache seatsCache, BooleanSupplier health) {
    private static final Logger LOG = LoggerFactory.getLogger(SharedPorts.class);

    /** True when Redis is configured and its last call succeeded, or when Redis is not configured. */
    public boolean healthy() {
        return health.getAsBoolean();
    }

    /** Starts the ports; what needs closing is pushed on {@code resources}. */
    public static SharedPorts start(RedisConfig s, Clock clock, Deque<AutoCloseable> resources) {
        if (s.url().isEmpty()) {
            return new SharedPorts(new InProcessRateLimiter(clock), new InProcessJobLeases(clock), new InProcessWakeUps(),
                    new InProcessSeatsCache(), () -> true);
        }
        RedisSettings redis = new RedisSettings(URI.create(s.url().get()), s.timeout(), s.keyPrefix(),
                Duration.ofSeconds(2), 32);
        RedisConnection connection = new RedisConnection(redis);
        resources.push(connection);
        RedisWakeUps wakeUps = new RedisWakeUps(connection);
        resources.push(wakeUps);
        LOG.info("shared rate limits, job leases, wake-ups and seats cache on {}", redis);
        return new SharedPorts(new RedisRateLimiter(connection, clock, new InProcessRateLimiter(clock)),
                new RedisJobLeases(connection), wakeUps, new RedisSeatsCache(connection), connection::available);
    }
}

package io.invitehub.bootstrap;

import io.invitehub.adapter.out.redis.RedisConnection;
import io.invitehub.adapter.out.redis.RedisJobLeases;
import io.invitehub.adapter.out.redis.RedisRateLimiter;
import io.invitehub.adapter.out.redis.RedisSeatsCache;
import io.invitehub.adapter.out.redis.RedisSettings;
import io.invitehub.adapter.out.redis.RedisWakeUps;
import io.invitehub.application.redemption.port.out.SeatsCache;
import io.invitehub.application.shared.port.out.JobLeases;
import io.invitehub.application.shared.port.out.RateLimiter;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.bootstrap.config.Settings;
import io.invitehub.bootstrap.inprocess.InProcessJobLeases;
import io.invitehub.bootstrap.inprocess.InProcessRateLimiter;
import io.invitehub.bootstrap.inprocess.InProcessSeatsCache;
import io.invitehub.bootstrap.inprocess.InProcessWakeUps;
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
record SharedPorts(RateLimiter rateLimiter, JobLeases jobLeases, WakeUps wakeUps, SeatsCache seatsCache, BooleanSupplier health) {
    private static final Logger LOG = LoggerFactory.getLogger(SharedPorts.class);

    boolean healthy() {
        return health.getAsBoolean();
    }

    /** Starts the ports; what needs closing is pushed on {@code resources}. */
    static SharedPorts start(Settings s, Clock clock, Deque<AutoCloseable> resources) {
        if (s.redisUrl().isEmpty()) {
            return new SharedPorts(new InProcessRateLimiter(clock), new InProcessJobLeases(clock), new InProcessWakeUps(),
                    new InProcessSeatsCache(), () -> true);
        }
        RedisSettings redis = new RedisSettings(URI.create(s.redisUrl().get()), s.redisTimeout(), s.redisKeyPrefix(),
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

package io.invitehub.adapter.out.redis;

import io.invitehub.application.fakes.InMemoryRateLimiter;
import io.invitehub.application.fakes.MutableClock;
import io.invitehub.application.shared.port.out.RateLimiter.Limit;
import io.invitehub.application.shared.port.out.RateLimiter.Lockout;
import io.invitehub.application.shared.port.out.WakeUps.Work;
import io.invitehub.application.shared.view.SeatSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADR 19 per port, with Redis stopped in the middle of the test: the rate limiter falls back to the
 * node's own limiter, leases fail closed, the cache misses, wake-ups still wake this node; nothing
 * throws, and after Redis is back (empty) every port uses it again.
 */
class RedisFailureModesTest {
    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private TestRedis.PrivateRedis server;
    private RedisConnection connection;
    private InMemoryRateLimiter fallback;
    private RedisRateLimiter limiter;
    private RedisJobLeases leases;
    private RedisSeatsCache cache;
    private RedisWakeUps wakeUps;

    @BeforeEach
    void start() {
        server = TestRedis.startPrivate();
        connection = new RedisConnection(server.settings().withPause(Duration.ofMillis(200)));
        fallback = new InMemoryRateLimiter(clock);
        limiter = new RedisRateLimiter(connection, clock, fallback);
        leases = new RedisJobLeases(connection);
        cache = new RedisSeatsCache(connection);
        wakeUps = new RedisWakeUps(connection);
    }

    @AfterEach
    void stop() {
        wakeUps.close();
        connection.close();
        server.close();
    }

    @Test
    void everyPortKeepsServingWhileRedisIsDownAndUsesRedisAgainWhenItIsBack() throws Exception {
        Limit two = new Limit("redeem-address", 2, Duration.ofMinutes(1));
        Lockout lockout = new Lockout("code", 2, Duration.ofMinutes(15), Duration.ofMinutes(15));
        assertThat(limiter.tryAcquire(two, "a")).isEmpty();
        assertThat(fallback.count(two, "a")).as("Redis counted, not the fallback").isZero();
        assertThat(leases.tryAcquire("job", Duration.ofSeconds(30))).isPresent();
        cache.store(new SeatSummary(1, 10, 1, 9, 0), Duration.ofSeconds(30));
        assertThat(cache.cached()).isPresent();

        server.stop();

        // rate limits: the node's own limiter counts and refuses (limits hold per node)
        assertThat(limiter.tryAcquire(two, "a")).isEmpty();
        assertThat(limiter.tryAcquire(two, "a")).isEmpty();
        assertThat(limiter.tryAcquire(two, "a")).isPresent();
        assertThat(fallback.count(two, "a")).isEqualTo(2);
        assertThat(limiter.recordFailure(lockout, "CODE")).isEmpty();
        assertThat(limiter.recordFailure(lockout, "CODE")).isPresent();
        assertThat(limiter.locked(lockout, "CODE")).isPresent();
        // leases: fail closed
        assertThat(leases.tryAcquire("other-job", Duration.ofSeconds(30))).isEmpty();
        assertThat(leases.renew(new io.invitehub.application.shared.port.out.JobLeases.Lease("job", "t"), Duration.ofSeconds(30))).isFalse();
        // cache: a miss, and storing is harmless
        assertThat(cache.cached()).isEmpty();
        cache.store(new SeatSummary(1, 10, 2, 8, 0), Duration.ofSeconds(30));
        // wake-ups: this node is still woken
        wakeUps.signal(Work.INVITE_DISPATCH);
        assertThat(wakeUps.await(Work.INVITE_DISPATCH, Duration.ofSeconds(1))).isTrue();
        assertThat(connection.available()).isFalse();

        server.start();
        Thread.sleep(300); // the pause after the last failure

        assertThat(leases.tryAcquire("job", Duration.ofSeconds(30))).as("Redis lost everything; the lease is free").isPresent();
        assertThat(connection.available()).isTrue();
        assertThat(limiter.tryAcquire(two, "b")).isEmpty();
        assertThat(fallback.count(two, "b")).as("Redis counts again").isZero();
        cache.store(new SeatSummary(1, 10, 3, 7, 0), Duration.ofSeconds(30));
        assertThat(cache.cached()).contains(new SeatSummary(1, 10, 3, 7, 0));
    }

    @Test
    void aDownRedisCostsOneTimeoutThenCallsSkipItDuringThePause() {
        server.stop();
        Limit many = new Limit("many", 1000, Duration.ofMinutes(1));
        for (int i = 0; i < 200; i++) {
            assertThat(limiter.tryAcquire(many, "k")).isEmpty();
        }
        assertThat(fallback.count(many, "k")).isEqualTo(200);
        assertThat(connection.available()).isFalse();
    }
}

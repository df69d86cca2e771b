package io.invitehub.adapter.out.redis;

import io.invitehub.application.contract.AbstractRateLimiterContract;
import io.invitehub.application.fakes.InMemoryRateLimiter;
import io.invitehub.application.fakes.MutableClock;
import io.invitehub.application.shared.port.out.RateLimiter;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

/** The RateLimiter contract on real Redis: two connections (two "nodes") on one prefix. */
class RedisRateLimiterContractTest extends AbstractRateLimiterContract {
    private final List<RedisConnection> connections = new ArrayList<>();
    private RedisSettings settings;

    @Override
    protected RateLimiter newLimiter(MutableClock clock) {
        settings = TestRedis.settings();
        return limiter(clock);
    }

    @Override
    protected RateLimiter sameStateOtherNode(MutableClock clock) {
        return limiter(clock);
    }

    private RateLimiter limiter(MutableClock clock) {
        RedisConnection connection = new RedisConnection(settings);
        connections.add(connection);
        // a fallback that never answers: a Redis failure would show as a wrong count, not hide behind it
        return new RedisRateLimiter(connection, clock, InMemoryRateLimiter.unlimited());
    }

    @AfterEach
    void close() {
        connections.forEach(RedisConnection::close);
    }
}

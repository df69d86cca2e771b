package io.invitehub.adapter.out.redis;

import io.invitehub.application.contract.AbstractSeatsCacheContract;
import io.invitehub.application.redemption.port.out.SeatsCache;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

/** The SeatsCache contract on real Redis: two connections (two "nodes") on one prefix. */
class RedisSeatsCacheContractTest extends AbstractSeatsCacheContract {
    private final List<RedisConnection> connections = new ArrayList<>();
    private RedisSettings settings;

    @Override
    protected SeatsCache newCache() {
        settings = TestRedis.settings();
        return cache();
    }

    @Override
    protected SeatsCache sameStateOtherNode() {
        return cache();
    }

    private SeatsCache cache() {
        RedisConnection connection = new RedisConnection(settings);
        connections.add(connection);
        return new RedisSeatsCache(connection);
    }

    @AfterEach
    void close() {
        connections.forEach(RedisConnection::close);
    }
}

package io.invitehub.adapter.out.redis;

import io.invitehub.application.contract.AbstractJobLeasesContract;
import io.invitehub.application.shared.port.out.JobLeases;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

/** The JobLeases contract on real Redis: two connections (two "nodes") on one prefix. */
class RedisJobLeasesContractTest extends AbstractJobLeasesContract {
    private final List<RedisConnection> connections = new ArrayList<>();
    private RedisSettings settings;

    @Override
    protected JobLeases newLeases() {
        settings = TestRedis.settings();
        return leases();
    }

    @Override
    protected JobLeases sameStateOtherNode() {
        return leases();
    }

    private JobLeases leases() {
        RedisConnection connection = new RedisConnection(settings);
        connections.add(connection);
        return new RedisJobLeases(connection);
    }

    @AfterEach
    void close() {
        connections.forEach(RedisConnection::close);
    }
}

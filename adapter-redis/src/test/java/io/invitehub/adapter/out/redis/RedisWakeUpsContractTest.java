package io.invitehub.adapter.out.redis;

import io.invitehub.application.contract.AbstractWakeUpsContract;
import io.invitehub.application.shared.port.out.WakeUps;

import java.util.ArrayList;
import java.util.List;

/** The WakeUps contract on real Redis pub/sub: two nodes, each with its own connection and subscriber. */
class RedisWakeUpsContractTest extends AbstractWakeUpsContract {
    private final List<AutoCloseable> opened = new ArrayList<>();
    private RedisSettings settings;

    @Override
    protected WakeUps newWakeUps() {
        settings = TestRedis.settings();
        return node();
    }

    @Override
    protected WakeUps sameTransportOtherNode() {
        return node();
    }

    private WakeUps node() {
        RedisConnection connection = new RedisConnection(settings);
        RedisWakeUps wakeUps = new RedisWakeUps(connection);
        opened.add(connection);
        opened.add(wakeUps);
        return wakeUps;
    }

    @Override
    protected void closeNodes() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        opened.clear();
    }
}

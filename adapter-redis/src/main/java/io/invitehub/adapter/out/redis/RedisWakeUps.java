package io.invitehub.adapter.out.redis;

import io.invitehub.application.shared.port.out.WakeUps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Wake-ups across nodes over Redis pub/sub (ADR 20): {@link #signal} wakes this node's waiters directly
 * and publishes on {@code <prefix>wake:<WORK>}; one subscriber thread per node turns every message into a
 * local wake-up, except its own messages (they carry the node's random id): this node was woken when it
 * signalled, and a late echo would wake it a second time for one signal. Pub/sub keeps nothing: a message published while a node is disconnected is lost, which
 * is allowed because workers still poll (a lost wake-up delays work, never loses it).
 *
 * <p>Failure mode (ADR 19): fail open. Without Redis, signals still wake this node; other nodes find
 * the work at their next poll. The subscriber reconnects with backoff.
 */
public final class RedisWakeUps implements WakeUps, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisWakeUps.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final RedisConnection redis;
    /** Marks this node's own messages, so the echo of a signal does not wake it twice. */
    private final String nodeId = java.util.UUID.randomUUID().toString();
    private final Map<Work, Signal> signals = new EnumMap<>(Work.class);
    private final Map<String, Work> byChannel = new java.util.HashMap<>();
    private final Thread subscriber;
    private final Subscription subscription = new Subscription();
    private volatile boolean running = true;
    private volatile Jedis subscriberConnection;
    private volatile boolean connected;

    public RedisWakeUps(RedisConnection redis) {
        this.redis = redis;
        for (Work work : Work.values()) {
            signals.put(work, new Signal());
            byChannel.put(channel(work), work);
        }
        subscriber = new Thread(this::subscribeLoop, "redis-wakeups");
        subscriber.setDaemon(true);
        subscriber.start();
    }

    private String channel(Work work) {
        return redis.key("wake:" + work.name());
    }

    @Override
    public void signal(Work work) {
        wakeLocally(work);
        redis.call("publish wake-up", r -> r.publish(channel(work), nodeId));
    }

    @Override
    public boolean await(Work work, Duration max) throws InterruptedException {
        Signal s = signals.get(work);
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (s) {
            while (!s.pending) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                s.wait(Math.max(1, left / 1_000_000));
            }
            s.pending = false;
            return true;
        }
    }

    /** True while the subscriber is connected (for health and tests). */
    public boolean subscribed() {
        return subscription.isSubscribed();
    }

    private void wakeLocally(Work work) {
        Signal s = signals.get(work);
        synchronized (s) {
            s.pending = true;
            s.notifyAll();
        }
    }

    private void subscribeLoop() {
        long backoffMillis = 100;
        while (running) {
            try (Jedis connection = redis.subscriberConnection()) {
                subscriberConnection = connection;
                if (!running) {
                    return;
                }
                connection.subscribe(subscription, byChannel.keySet().toArray(new String[0]));
            } catch (RuntimeException e) {
                if (connected) {
                    connected = false;
                    backoffMillis = 100;
                }
                if (running) {
                    LOG.debug("wake-up subscriber lost Redis ({}); retrying in {} ms", e.getClass().getSimpleName(), backoffMillis);
                }
            } finally {
                subscriberConnection = null;
            }
            if (!running) {
                return;
            }
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                return;
            }
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            if (subscription.isSubscribed()) {
                subscription.unsubscribe();
            }
        } catch (RuntimeException ignored) {
            // the connection is going away anyway
        }
        Jedis connection = subscriberConnection;
        if (connection != null) {
            try {
                connection.disconnect();
            } catch (RuntimeException ignored) {
                // already closed
            }
        }
        subscriber.interrupt();
        try {
            subscriber.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Subscription extends JedisPubSub {
        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            connected = true;
        }

        @Override
        public void onMessage(String channel, String message) {
            Work work = byChannel.get(channel);
            if (work != null && !nodeId.equals(message)) {
                wakeLocally(work);
            }
        }
    }

    private static final class Signal {
        private boolean pending;
    }
}

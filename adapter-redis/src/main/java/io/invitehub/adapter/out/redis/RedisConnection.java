package io.invitehub.adapter.out.redis;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisURIHelper;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one Redis client of a node (Jedis 8 {@link RedisClient}, pooled) with short timeouts and a
 * pause after a failure: when Redis is down or slower than the timeout, a call returns empty and
 * every call for the next {@link RedisSettings#pause()} returns empty at once, so requests do not each
 * wait a timeout. Each port decides what empty means (ADR 19). One warning when Redis goes away, one
 * line when it is back.
 */
public final class RedisConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisConnection.class);

    private final RedisSettings settings;
    private final HostAndPort address;
    private final JedisClientConfig clientConfig;
    private final RedisClient client;
    private volatile long pausedUntilNanos;
    private volatile boolean down;

    public RedisConnection(RedisSettings settings) {
        this.settings = settings;
        this.address = JedisURIHelper.getHostAndPort(settings.uri());
        this.clientConfig = config(settings, (int) settings.timeout().toMillis(), true);
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(settings.maxConnections());
        pool.setMaxIdle(settings.maxConnections());
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(settings.timeout());
        pool.setTestOnBorrow(false);
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        this.client = RedisClient.builder().hostAndPort(address).clientConfig(clientConfig).poolConfig(pool).build();
    }

    private static JedisClientConfig config(RedisSettings settings, int timeoutMillis, boolean pooled) {
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) settings.timeout().toMillis())
                .socketTimeoutMillis(timeoutMillis)
                .clientName("invitehub")
                // RESP2 everywhere: scripts answer integers as Long, and a subscriber needs no negotiation
                .protocol(RedisProtocol.RESP2)
                .autoNegotiateProtocol(pooled)
                .ssl(JedisURIHelper.isRedisSSLScheme(settings.uri()));
        String user = JedisURIHelper.getUser(settings.uri());
        String password = JedisURIHelper.getPassword(settings.uri());
        if (user != null) {
            b.user(user);
        }
        if (password != null) {
            b.password(password);
        }
        if (JedisURIHelper.hasDbIndex(settings.uri())) {
            b.database(JedisURIHelper.getDBIndex(settings.uri()));
        }
        return b.build();
    }

    /** The full name of a key or channel: the configured prefix, then {@code name}. */
    String key(String name) {
        return settings.keyPrefix() + name;
    }

    /**
     * Runs {@code command}; empty when Redis failed, timed out, or is paused after a recent failure.
     * {@code what} names the operation in the log.
     */
    <T> Optional<T> call(String what, Function<UnifiedJedis, T> command) {
        if (System.nanoTime() < pausedUntilNanos) {
            return Optional.empty();
        }
        try {
            T result = command.apply(client);
            if (down) {
                down = false;
                LOG.info("Redis at {} answers again", address);
            }
            return Optional.ofNullable(result);
        } catch (RuntimeException e) {
            // JedisException and its subclasses, and pool exhaustion: treated alike, as "Redis is not there"
            pausedUntilNanos = System.nanoTime() + settings.pause().toNanos();
            dropIdleConnections();
            if (!down) {
                down = true;
                LOG.warn("Redis at {} failed ({}: {}); using fallbacks for {} before trying again",
                        address, what, e.getClass().getSimpleName(), settings.pause());
            }
            return Optional.empty();
        }
    }

    /**
     * After a failure the idle pooled connections are suspect too (a Redis restart leaves every one of them dead): they
     * are closed, so the first call after the pause opens a fresh connection instead of finding a dead one, failing
     * and pausing again once per dead connection.
     */
    private void dropIdleConnections() {
        try {
            client.getPool().clear();
        } catch (RuntimeException e) {
            LOG.debug("closing idle Redis connections failed", e);
        }
    }

    /** True when the last call succeeded (or none failed yet). */
    public boolean available() {
        return !down;
    }

    /** A new dedicated connection for a subscriber: no read timeout (it blocks until a message arrives). */
    Jedis subscriberConnection() {
        return new Jedis(address, config(settings, 0, false));
    }

    @Override
    public void close() {
        client.close();
    }
}

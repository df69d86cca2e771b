package io.invitehub.adapter.out.redis;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real Redis for tests, one shared server per test JVM, chosen like {@code TestPostgres} picks PostgreSQL:
 * <ol>
 *   <li>{@code INVITEHUB_TEST_REDIS_URL}: an existing server;</li>
 *   <li>Testcontainers ({@code redis:7-alpine}), when a Docker engine answers;</li>
 *   <li>embedded Redis binaries ({@code org.signal:embedded-redis}, Redis 7.0), which need nothing but the JDK.</li>
 * </ol>
 * Tests stay independent by key prefix: every {@link #settings()} has its own. Tests that stop Redis on
 * purpose use {@link #startPrivate()}, a server of their own.
 */
public final class TestRedis {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static String url;
    private static String description;

    private TestRedis() {
    }

    /** Settings on the shared server with a prefix no other test uses; short timeouts. */
    public static RedisSettings settings() {
        return RedisSettings.of(sharedUrl()).withKeyPrefix("t" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + ":");
    }

    public static synchronized String sharedUrl() {
        if (url == null) {
            start();
        }
        return url;
    }

    public static synchronized String description() {
        sharedUrl();
        return description;
    }

    private static void start() {
        String env = System.getenv("INVITEHUB_TEST_REDIS_URL");
        if (env != null && !env.isBlank()) {
            url = env.strip();
            description = "external " + url;
            return;
        }
        if (dockerAvailable()) {
            GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            container.start();
            url = "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
            description = "testcontainers redis:7-alpine";
            return;
        }
        PrivateRedis embedded = startPrivate();
        url = embedded.url();
        description = "embedded Redis on port " + embedded.port();
    }

    /** A Redis server of the caller's own (embedded), which it may stop and start again. */
    public static PrivateRedis startPrivate() {
        PrivateRedis redis = new PrivateRedis(freePort());
        redis.start();
        return redis;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** An embedded Redis on a fixed port: stop it to simulate an outage, start it again (empty) to recover. */
    public static final class PrivateRedis implements AutoCloseable {
        private final int port;
        private RedisServer server;

        private PrivateRedis(int port) {
            this.port = port;
        }

        public int port() {
            return port;
        }

        public String url() {
            return "redis://127.0.0.1:" + port;
        }

        public RedisSettings settings() {
            return RedisSettings.of(url());
        }

        public synchronized void start() {
            server = RedisServer.builder().port(port).setting("bind 127.0.0.1").setting("save \"\"")
                    .setting("appendonly no").build();
            server.start();
        }

        public synchronized void stop() {
            if (server != null) {
                server.stop();
                server = null;
            }
        }

        @Override
        public void close() {
            stop();
        }
    }
}

package io.invitehub.adapter.out.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real PostgreSQL for tests, one server per test JVM, chosen in this order:
 * <ol>
 *   <li>{@code INVITEHUB_TEST_DB_URL} (+ {@code _USER}, {@code _PASSWORD}): an existing server whose
 *       user may create databases;</li>
 *   <li>Testcontainers, when a Docker engine answers;</li>
 *   <li>embedded PostgreSQL binaries (zonky), which need nothing but the JDK.</li>
 * </ol>
 * The schema is migrated once into a template database; every {@link #freshDatabase()} is a copy of
 * it ({@code CREATE DATABASE … TEMPLATE}), so test classes are independent and fast.
 */
public final class TestPostgres {
    private static final String TEMPLATE = "invitehub_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** The secrets key of test databases (ADR 16): fixed, so a test can reconnect and still open what it sealed. */
    public static final SecretKeys SECRETS = SecretKeys.of(
            "invitehub-test-secrets-key-32-by".getBytes(java.nio.charset.StandardCharsets.US_ASCII), java.util.List.of());
    private static Server server;

    private record Server(String host, int port, String user, String password, String description) {
        String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private TestPostgres() {
    }

    /** Settings of a new database with the current schema, private to the caller. */
    public static synchronized PersistenceSettings freshDatabase() {
        Server s = server();
        String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute(s, "postgres", "create database " + name + " template " + TEMPLATE);
        return new PersistenceSettings(s.url(name), s.user(), s.password(), 24, java.time.Duration.ofSeconds(30));
    }

    /** A connected, migrated persistence on a fresh database. */
    public static JooqPersistence freshPersistence() {
        return connect(freshDatabase());
    }

    /** Connects to {@code settings} with the test secrets key. */
    public static JooqPersistence connect(PersistenceSettings settings) {
        return JooqPersistence.connect(settings, SECRETS);
    }

    /** Settings of a new, empty database (no schema), e.g. to test migrations themselves. */
    public static synchronized PersistenceSettings emptyDatabase() {
        Server s = server();
        String name = "e" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute(s, "postgres", "create database " + name);
        return new PersistenceSettings(s.url(name), s.user(), s.password(), 8, java.time.Duration.ofSeconds(30));
    }

    public static synchronized String description() {
        return server().description();
    }

    private static Server server() {
        if (server == null) {
            server = start();
            execute(server, "postgres", "drop database if exists " + TEMPLATE);
            execute(server, "postgres", "create database " + TEMPLATE);
            PGSimpleDataSource template = dataSource(server, TEMPLATE);
            JooqPersistence.migrate(template);
        }
        return server;
    }

    private static Server start() {
        String url = System.getenv("INVITEHUB_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
            return new Server(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                    envOr("INVITEHUB_TEST_DB_USER", "postgres"), envOr("INVITEHUB_TEST_DB_PASSWORD", ""), "external " + url);
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine")
                    .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
            container.start();
            return new Server(container.getHost(), container.getFirstMappedPort(), container.getUsername(),
                    container.getPassword(), "testcontainers " + container.getDockerImageName());
        }
        try {
            // not open to every local user while the suite runs (ADR 27): a password for this run only,
            // scram-sha-256 everywhere (no trust line), 127.0.0.1 only, no Unix socket. zonky passes its
            // "locale" options to initdb as --name=value, after its own "-A trust", which they override.
            String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
            java.nio.file.Path passwordFile = java.nio.file.Files.createTempFile("invitehub-test-pg", ".pw",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            try {
                java.nio.file.Files.writeString(passwordFile, password + "\n");
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setLocaleConfig("pwfile", passwordFile.toString())
                        .setLocaleConfig("auth-host", "scram-sha-256")
                        .setLocaleConfig("auth-local", "reject")
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("unix_socket_directories", "''")
                        .setConnectConfig("password", password)
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("shared_buffers", "128MB")
                        .start();
                return new Server("127.0.0.1", pg.getPort(), "postgres", password, "embedded PostgreSQL on port " + pg.getPort());
            } finally {
                java.nio.file.Files.deleteIfExists(passwordFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static PGSimpleDataSource dataSource(Server s, String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(s.url(database));
        ds.setUser(s.user());
        ds.setPassword(s.password());
        return ds;
    }

    private static void execute(Server s, String database, String sql) {
        try (Connection c = dataSource(s, database).getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database setup failed: " + sql, e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

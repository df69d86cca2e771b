package io.invitehub.bootstrap.embedded;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.bootstrap.config.ConfigurationException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded default's PostgreSQL: real PostgreSQL binaries (zonky) with the data directory under
 * {@code <data dir>/postgres}, kept across restarts. PostgreSQL refuses to run as root; as root,
 * start the JVM through {@code bin/java-userns} (the {@code ./invitehub} script does).
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final Path directory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory) {
        this.postgres = postgres;
        this.directory = directory;
    }

    public static EmbeddedDatabase start(Path dataDir) {
        if ("root".equals(System.getProperty("user.name"))) {
            throw new ConfigurationException("embedded PostgreSQL cannot run as root; start with ./invitehub "
                    + "(it runs the JVM in a user namespace through bin/java-userns), run as another user, "
                    + "or set INVITEHUB_DB_URL to an external PostgreSQL");
        }
        Path directory = dataDir.toAbsolutePath().resolve("postgres");
        try {
            Files.createDirectories(directory);
            boolean existing = Files.exists(directory.resolve("PG_VERSION"));
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("listen_addresses", "localhost")
                    .start();
            LOG.info("embedded PostgreSQL {} {} on port {} in {} ms", existing ? "reopened" : "created", directory,
                    postgres.getPort(), (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedDatabase(postgres, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + directory, e);
        }
    }

    public PersistenceSettings settings(int poolSize) {
        return PersistenceSettings.of(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "").withMaxPoolSize(poolSize);
    }

    /**
     * How to reach the embedded PostgreSQL another process (a running {@code serve}) started on {@code dataDir}:
     * the port from its {@code postmaster.pid}; empty when there is none. Whether it answers is the caller's to check.
     */
    public static java.util.Optional<PersistenceSettings> running(Path dataDir) {
        Path pid = dataDir.toAbsolutePath().resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.exists(pid)) {
                return java.util.Optional.empty();
            }
            java.util.List<String> lines = Files.readAllLines(pid);
            if (lines.size() < 4 || !lines.get(3).strip().matches("[0-9]{1,5}")) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(PersistenceSettings.of("jdbc:postgresql://localhost:" + lines.get(3).strip() + "/postgres",
                    "postgres", "").withMaxPoolSize(2));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}

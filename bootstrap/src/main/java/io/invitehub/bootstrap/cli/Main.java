package io.invitehub.bootstrap.cli;

import io.invitehub.bootstrap.DemoData;
import io.invitehub.bootstrap.InviteHub;
import io.invitehub.bootstrap.timing.StartSteps;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.library.config.ConfigurationException;
import io.invitehub.library.config.Settings;
import io.invitehub.bootstrap.embedded.EmbeddedDatabase;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The command line: {@code serve} (the service, embedded default unless INVITEHUB_DB_URL is set),
 * {@code migrate} (apply database migrations and exit), {@code import-reference} (load the reference's
 * database, {@link ImportReferenceCommand}), {@code backup FILE} / {@code restore FILE} ({@link BackupCommand}), {@code help}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        String command = args.length == 0 ? "help" : args[0];
        try {
            switch (command) {
                case "serve":
                    serve(Settings.fromEnvironment());
                    break;
                case "migrate":
                    migrate(Settings.fromEnvironment(), System.out);
                    break;
                case "start-check":
                    startCheck(System.out);
                    break;
                case "import-reference":
                    ImportReferenceCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv(), Settings.fromEnvironment(),
                            System.out, java.time.Clock.systemUTC());
                    break;
                case "backup":
                case "restore":
                    if (args.length != 2) {
                        throw new IllegalArgumentException("usage: invitehub " + command + " FILE");
                    }
                    if (command.equals("backup")) {
                        BackupCommand.backup(Settings.fromEnvironment(), java.nio.file.Path.of(args[1]), System.out);
                    } else {
                        BackupCommand.restore(Settings.fromEnvironment(), java.nio.file.Path.of(args[1]), System.out);
                    }
                    break;
                case "bench":
                    System.err.println("the benchmark is not part of the service jar: run ./invitehub bench "
                            + "(its own jar, bench/target/invitehub-bench.jar; docs/performance.md)");
                    System.exit(2);
                    break;
                case "help":
                case "--help":
                case "-h":
                    help(System.out);
                    break;
                default:
                    System.err.println("unknown command '" + command + "'");
                    help(System.err);
                    System.exit(2);
            }
        } catch (ConfigurationException e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(2);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("InviteHub failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    static void serve(Settings settings) {
        StartSteps.jvmStarted();
        InviteHub hub = InviteHub.builder(settings).start();
        DemoData.Seeded seeded;
        try {
            seeded = DemoData.seed(hub, settings, StartSteps.now());
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.close();
            stopped.countDown();
        }, "invitehub-shutdown"));
        // the hook above stops the embedded database last, after HTTP, workers and pool
        hub.embeddedDatabase().ifPresent(EmbeddedDatabase::stopsWithItsOwnerAtExit);
        DemoData.print(seeded, settings, hub.httpPort().orElseThrow(), System.out);
        printOperations(settings, hub, System.out);
        // one clock for the start: the figure printed is the total the start steps log (since the JVM started)
        long total = StartSteps.total("serve started, demo accounts printed,");
        System.out.printf("  Started in %d ms. Stop with Ctrl+C.%n%n", total);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code start-check}: one full start of the embedded default on a throw-away data directory (initdb, migrations,
     * demo data, HTTP on a free port of 127.0.0.1, one {@code GET /health}), then a clean stop; the directory is deleted.
     * Every {@code INVITEHUB_*} variable is ignored, so it never touches ./data, an external database, Redis, a real
     * provider or a mail server. {@code ./invitehub} runs it once per build under {@code -XX:ArchiveClassesAtExit}: the
     * classes a start loads go into the class data archive its later starts map (ADR 80). Throws when the start fails.
     */
    static void startCheck(PrintStream out) {
        Path dir;
        try {
            dir = Files.createTempDirectory("invitehub-start-check");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data directory", e);
        }
        try {
            Settings settings = Settings.from(Map.of("INVITEHUB_DATA_DIR", dir.resolve("data").toString(),
                    "INVITEHUB_HTTP_HOST", "127.0.0.1", "INVITEHUB_HTTP_PORT", "0"));
            long started = System.nanoTime();
            try (InviteHub hub = InviteHub.builder(settings).start()) {
                DemoData.seed(hub, settings);
                HttpResponse<Void> health = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort().orElseThrow() + "/health"))
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() != 200) {
                    throw new IllegalStateException("start check: GET /health answered " + health.statusCode());
                }
            }
            out.printf("start check passed: the embedded default started, answered /health and stopped (%d ms)%n",
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("start check: GET /health failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("start check interrupted", e);
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<java.nio.file.Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** Where operators look: the API docs, the OpenAPI document, readiness and the metrics (ADR 39, 40). */
    static void printOperations(Settings settings, InviteHub hub, PrintStream out) {
        String host = "0.0.0.0".equals(settings.http().host()) || "::".equals(settings.http().host()) ? "127.0.0.1" : settings.http().host();
        String base = "http://" + host + ":" + hub.httpPort().orElseThrow();
        out.println("  API docs: " + base + "/api-docs   (OpenAPI 3.1: " + base + "/openapi.json)");
        out.println("  Readiness: " + base + "/ready   Liveness: " + base + "/health");
        if (!settings.observability().metrics()) {
            out.println("  Metrics: off (INVITEHUB_METRICS=false)");
        } else if (hub.metricsPort().isPresent()) {
            out.println("  Metrics: http://" + settings.observability().metricsHost() + ":" + hub.metricsPort().get()
                    + "/metrics   (Prometheus text, no sign-in: keep that port private)");
        } else {
            out.println("  Metrics: " + base + "/metrics   (Prometheus text; staff only: send 'Authorization: Bearer <access_token>' "
                    + "of an admin or operator, or set INVITEHUB_METRICS_PORT)");
        }
        out.println();
    }

    public static void migrate(Settings settings, PrintStream out) {
        EmbeddedDatabase embedded = settings.embeddedDatabase() ? EmbeddedDatabase.start(settings.database().dataDir()) : null;
        try {
            PersistenceSettings db = embedded != null ? embedded.settings(2)
                    : PersistenceSettings.of(settings.database().url().orElseThrow(), settings.database().user(), settings.database().password()).withMaxPoolSize(2);
            try (JooqPersistence persistence = JooqPersistence.connect(db, io.invitehub.library.config.SecretsKey.resolve(settings))) {
                out.println("applied " + persistence.migrate() + " migration(s); the schema is up to date");
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    static void help(PrintStream out) {
        out.println("usage: invitehub <command>");
        out.println();
        out.println("  serve     run the service (embedded PostgreSQL under ./data unless INVITEHUB_DB_URL is set)");
        out.println("  migrate   apply database migrations and exit");
        out.println("  start-check   start the embedded default on a throw-away data directory, answer /health, stop (ignores INVITEHUB_*)");
        out.println("  import-reference --from <jdbc:sqlite:/path/app.db | jdbc:postgresql://host/db> [--user U] [--password P]");
        out.println("            [--dry-run] [--stale-after-hours <n, default 24>]");
        out.println("            load the reference system's database (docs/operations.md); --dry-run prints the plan, writes nothing");
        out.println("  backup FILE   a consistent copy of the database (while serve runs, too) and, embedded, its keys: docs/operations.md");
        out.println("  restore FILE  load a backup into an empty data directory (embedded default; INVITEHUB_DATA_DIR)");
        out.println("  (./invitehub bench runs the benchmark from its own jar, bench/target/invitehub-bench.jar: docs/performance.md)");
        out.println("  help      this text");
        out.println();
        out.println("Configuration is read from INVITEHUB_* environment variables: see docs/configuration.md.");
    }
}

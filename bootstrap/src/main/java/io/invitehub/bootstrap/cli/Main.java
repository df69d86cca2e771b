package io.invitehub.bootstrap.cli;

import io.invitehub.bootstrap.DemoData;
import io.invitehub.bootstrap.InviteHub;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.bootstrap.bench.Bench;
import io.invitehub.bootstrap.config.ConfigurationException;
import io.invitehub.bootstrap.config.Settings;
import io.invitehub.bootstrap.embedded.EmbeddedDatabase;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * The command line: {@code serve} (the service, embedded default unless INVITEHUB_DB_URL is set),
 * {@code migrate} (apply database migrations and exit), {@code help}.
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
                case "bench":
                    new Bench(Bench.BenchOptions.parse(java.util.Arrays.copyOfRange(args, 1, args.length)), System.out)
                            .run(Settings.fromEnvironment());
                    System.exit(0);
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
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
        long started = System.nanoTime();
        InviteHub hub = InviteHub.builder(settings).start();
        DemoData.Seeded seeded;
        try {
            seeded = DemoData.seed(hub, settings);
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
        System.out.printf("  Started in %d ms. Stop with Ctrl+C.%n%n", (System.nanoTime() - started) / 1_000_000);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void migrate(Settings settings, PrintStream out) {
        EmbeddedDatabase embedded = settings.embeddedDatabase() ? EmbeddedDatabase.start(settings.dataDir()) : null;
        try {
            PersistenceSettings db = embedded != null ? embedded.settings(2)
                    : PersistenceSettings.of(settings.dbUrl().orElseThrow(), settings.dbUser(), settings.dbPassword()).withMaxPoolSize(2);
            try (JooqPersistence persistence = JooqPersistence.connect(db, io.invitehub.bootstrap.config.SecretsKey.resolve(settings))) {
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
        out.println("  bench     time the embedded default's first start, seed the SPEC 11 dataset into a throw-away");
        out.println("            embedded database and measure the HTTP API (docs/performance.md)");
        out.println("            [--scale <factor, default 0.02; 1 = 5M codes>] [--clients <n, default 16>] [--seconds <s, default 20>]");
        out.println("            [--read-clients <n, default 2>] [--read-seconds <s, default 5>] [--no-readiness]");
        out.println("  help      this text");
        out.println();
        out.println("Configuration is read from INVITEHUB_* environment variables: see docs/configuration.md.");
    }
}

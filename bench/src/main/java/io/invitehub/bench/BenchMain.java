package io.invitehub.bench;

import io.invitehub.library.config.ConfigurationException;
import io.invitehub.library.config.Settings;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.util.Arrays;

/**
 * {@code ./invitehub bench [options]}: the benchmark of docs/performance.md, from its own jar
 * ({@code bench/target/invitehub-bench.jar}); the service jar does not contain it. A leading
 * {@code bench} argument (as the script passes it) is ignored; {@code bench loadgen <file>} is the load generator
 * (redemption and read clients) the bench spawns in a child JVM ({@link LoadGenerator}).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        String[] options = args.length > 0 && args[0].equals("bench") ? Arrays.copyOfRange(args, 1, args.length) : args;
        if (options.length > 0 && options[0].equals("loadgen")) {
            loadgen(options);
            return;
        }
        try {
            int nodes = MultiNode.nodes(options);
            if (nodes > 1) {
                MultiNode.Outcome outcome = new MultiNode(nodes, Bench.BenchOptions.parse(MultiNode.withoutNodes(options)), System.out)
                        .run(Settings.fromEnvironment());
                System.exit(outcome.held() ? 0 : 3);
            }
            new Bench(Bench.BenchOptions.parse(MultiNode.withoutNodes(options)), System.out).run(Settings.fromEnvironment());
            System.exit(0);
        } catch (ConfigurationException e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(2);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: invitehub bench [--scale <factor, default 0.02; 1 = 5M codes>] [--clients <n, default 16>] "
                    + "[--seconds <s, default 20>] [--warmup-seconds <s, default 10>] [--read-clients <n, default 2>] "
                    + "[--read-samples <n, default 10000>] [--read-warmup <answers per route, default 2000>] [--read-seconds <cap per route, default 60>] [--no-readiness] "
                    + "[--only-shop] [--only-export [--export-rows <n, default 1000000>]] [--statements] [--no-reads] [--no-shop] [--no-tpcb] "
                    + "[--in-process-load] [--no-console] [--no-distributor-codes] [--notify-rate <n per s, default 100>] [--pg-setting <name=value>]... [--fulfilment-parallelism <n, default INVITEHUB_FULFILMENT_PARALLELISM's 2>] [--nodes <n, default 1; 2..8: functional run on n service nodes, one PostgreSQL, one Redis>]");
            System.exit(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println("the benchmark failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * {@code bench loadgen <file>}: the redemption and read phases' load generator, as the bench spawns it in a child JVM
     * ({@link LoadGenerator}); the protocol is on stdout, errors on stderr.
     */
    private static void loadgen(String[] options) {
        if (options.length != 2) {
            System.err.println("usage: invitehub bench loadgen <file> (the bench starts it; see docs/performance.md)");
            System.exit(2);
        }
        try {
            LoadGenerator.child(java.nio.file.Path.of(options[1]), System.out);
            System.exit(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("the load generator failed: " + e);
            System.exit(1);
        }
    }
}

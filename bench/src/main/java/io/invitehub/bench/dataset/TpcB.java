package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The machine's ceiling in the same run (issue 17): PostgreSQL's own TPC-B ({@code pgbench}, five statements
 * and a commit per transaction) on the bench's PostgreSQL, in a scratch database that is dropped afterwards.
 * {@code pgbench} is not among the embedded binaries: it is looked for on {@code PATH} and under
 * {@code /usr/lib/postgresql/<version>/bin} (Debian's {@code postgresql-15} package gives {@code /usr/bin/pgbench}).
 * In this package because it creates and drops the scratch database over JDBC (the bench's SQL stays here,
 * {@code BenchArchitectureTest}).
 */
public final class TpcB {
    /** The scratch database pgbench fills ({@code pgbench -i}) and this class drops again. */
    static final String DATABASE = "bench_tpcb";
    private static final Pattern TPS = Pattern.compile("(?m)^tps = ([0-9]+(?:\\.[0-9]+)?) \\(([^)]*)\\)");
    private static final Pattern PROCESSED = Pattern.compile("(?m)^number of transactions actually processed: ([0-9]+)");
    private static final Pattern FAILED = Pattern.compile("(?m)^number of failed transactions: ([0-9]+)");

    /** One measured TPC-B: transactions per second (without connection set-up) and what produced it. */
    public record Measured(double tps, long transactions, long failed, String command) {
    }

    private TpcB() {
    }

    /**
     * Where {@code pgbench} is: the first executable {@code pgbench} of the {@code PATH} value {@code path}, else of
     * {@code <libRoot>/<version>/bin} (highest version first); empty when there is none.
     */
    public static Optional<Path> find(String path, Path libRoot) {
        List<Path> candidates = new ArrayList<>();
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir).resolve("pgbench"));
                }
            }
        }
        if (libRoot != null && Files.isDirectory(libRoot)) {
            try (Stream<Path> versions = Files.list(libRoot)) {
                versions.sorted(Comparator.comparing(TpcB::versionOf).reversed())
                        .forEach(v -> candidates.add(v.resolve("bin").resolve("pgbench")));
            } catch (IOException e) {
                // an unreadable directory holds no pgbench we can run
            }
        }
        return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    /** Where this machine's {@code pgbench} is ({@code PATH}, then {@code /usr/lib/postgresql/}*{@code /bin}). */
    public static Optional<Path> find() {
        return find(System.getenv("PATH"), Path.of("/usr/lib/postgresql"));
    }

    private static int versionOf(Path dir) {
        String name = dir.getFileName().toString();
        return name.matches("[0-9]{1,4}") ? Integer.parseInt(name) : -1;
    }

    /**
     * The tps of a pgbench run's report: the figure "without initial connection time" (PostgreSQL 14 and later) or
     * "excluding connections establishing" (13 and earlier), else the only one; empty when the report has none.
     */
    static OptionalDouble parseTps(String report) {
        Matcher m = TPS.matcher(report);
        OptionalDouble any = OptionalDouble.empty();
        while (m.find()) {
            double tps = Double.parseDouble(m.group(1));
            if (m.group(2).startsWith("without") || m.group(2).startsWith("excluding")) {
                return OptionalDouble.of(tps);
            }
            if (any.isEmpty()) {
                any = OptionalDouble.of(tps);
            }
        }
        return any;
    }

    static long parseCount(Pattern pattern, String report) {
        Matcher m = pattern.matcher(report);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** Parses a whole pgbench report; fails with the report when it has no tps line. */
    static Measured parse(String report, String command) {
        double tps = parseTps(report).orElseThrow(() -> new IllegalStateException(
                "pgbench printed no tps line (" + command + "):\n" + report.strip()));
        return new Measured(tps, parseCount(PROCESSED, report), parseCount(FAILED, report), command);
    }

    /**
     * Measures TPC-B against the server of {@code superuser} (the bench's own PostgreSQL): creates the scratch
     * database, {@code pgbench -i -s <scale>}, {@code pgbench -c <clients> -j <threads> -T <seconds> -M prepared},
     * then drops the database again (also when pgbench fails).
     */
    public static Measured measure(Path pgbench, PersistenceSettings superuser, int scale, int clients, int threads,
                                   Duration duration) {
        return measure(pgbench, superuser, scale, clients, threads, duration, () -> { }, () -> { });
    }

    /**
     * As {@link #measure(Path, PersistenceSettings, int, int, int, Duration)}, telling {@code runStarted} just before
     * the timed {@code pgbench -T} starts and {@code runEnded} once it has exited (the bench reads CPU counters then;
     * the {@code -i} load is outside that window).
     */
    public static Measured measure(Path pgbench, PersistenceSettings superuser, int scale, int clients, int threads,
                                   Duration duration, Runnable runStarted, Runnable runEnded) {
        URI uri = URI.create(superuser.jdbcUrl().substring("jdbc:".length()));
        // the same server and superuser, connected to its maintenance database (the scratch one is created and dropped from there)
        PersistenceSettings maintenance = new PersistenceSettings(superuser.jdbcUrl().replaceFirst("/[^/?]+(\\?.*)?$", "/postgres"),
                superuser.user(), superuser.password(), superuser.maxPoolSize(), superuser.connectionTimeout());
        OneConnection.run(maintenance, db -> {
            db.execute("drop database if exists " + DATABASE);
            db.execute("create database " + DATABASE);
        });
        try {
            List<String> connection = List.of("-h", uri.getHost(), "-p", String.valueOf(uri.getPort()), "-U", superuser.user());
            List<String> init = new ArrayList<>(List.of(pgbench.toString(), "-i", "-q", "-s", String.valueOf(scale)));
            init.addAll(connection);
            init.add(DATABASE);
            pgbench(init, superuser.password(), Duration.ofMinutes(15));
            List<String> run = new ArrayList<>(List.of(pgbench.toString(), "-c", String.valueOf(clients), "-j",
                    String.valueOf(threads), "-T", String.valueOf(duration.toSeconds()), "-M", "prepared"));
            run.addAll(connection);
            run.add(DATABASE);
            runStarted.run();
            String report = pgbench(run, superuser.password(), duration.plusMinutes(5));
            runEnded.run();
            return parse(report, String.format("pgbench -c %d -j %d -T %d -M prepared (scale %d)", clients, threads,
                    duration.toSeconds(), scale));
        } finally {
            OneConnection.run(maintenance, db -> db.execute("drop database if exists " + DATABASE));
        }
    }

    /** Runs one pgbench command with the password in its environment (never on its command line); returns its output. */
    private static String pgbench(List<String> command, String password, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        builder.environment().put("PGSSLMODE", "disable");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "(output not read: " + e.getMessage() + ")";
                }
            });
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            String text;
            try {
                text = output.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                text = "(output not read: " + e + ")";
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running pgbench", e);
        }
    }
}

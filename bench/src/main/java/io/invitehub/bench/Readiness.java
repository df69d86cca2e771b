package io.invitehub.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * SPEC section 11's "embedded default ready in under 10 s on first start", as {@code ./invitehub serve} starts: runs
 * {@code invitehub serve} as a child JVM (same java binary and class path, so inside the same user namespace when
 * started through {@code ./invitehub}) on a fresh data directory, and times from the process start to the first
 * {@code GET /health} answering 200; then once more on the same directory (a restart with the data kept).
 * <p>
 * Like the script (ADR 80), it first records a class data archive once, untimed — {@code start-check} under
 * {@code -XX:ArchiveClassesAtExit} into the run's directory, then a {@code -Xshare:on} check — and times the pair with
 * {@code -XX:SharedArchiveFile} (the SPEC 11 figures); then a pair without an archive on another fresh directory, the
 * no-archive comparison. When recording fails it says so and measures without only. Each start is bounded (60 s) and
 * stopped with SIGTERM (the service's shutdown hook stops its PostgreSQL); the directory is deleted afterwards.
 */
final class Readiness {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    /** A start check is a full first start plus the archive's dump at exit. */
    private static final Duration RECORD_LIMIT = Duration.ofSeconds(180);

    private Readiness() {
    }

    record Pair(Duration first, Duration restart) {
        String seconds() {
            return String.format("first start %.2f s, restart %.2f s", first.toMillis() / 1000.0, restart.toMillis() / 1000.0);
        }
    }

    static void measure(Path dir, PrintStream out) throws InterruptedException {
        try {
            io.invitehub.library.config.OwnerOnlyFile.ownerOnlyDirectories(dir);
            String java = java();
            String classPath = System.getProperty("java.class.path");
            Optional<Path> archive = record(dir, java, classPath, out);
            Optional<Pair> with = Optional.empty();
            if (archive.isPresent()) {
                with = pair(dir.resolve("with-archive"), ClassDataArchive.useOptions(archive.get()), "with the archive", out);
            }
            Optional<Pair> without = pair(dir.resolve("no-archive"), List.of(), "no archive", out);
            if (with.isPresent()) {
                out.printf("embedded default ready (start -> /health 200, with the class data archive as ./invitehub starts): %s (SPEC 11: < 10 s)%n",
                        with.get().seconds());
                without.ifPresent(p -> out.printf("  no-archive comparison: %s%n", p.seconds()));
            } else {
                without.ifPresent(p -> out.printf("embedded default ready (start -> /health 200, no class data archive): %s (SPEC 11: < 10 s)%n",
                        p.seconds()));
            }
        } catch (IOException e) {
            out.println("readiness not measured: " + e);
        } finally {
            Bench.deleteQuietly(dir);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * The once-per-build step of {@code ./invitehub}: {@code start-check} recording {@code dir/invitehub.jsa}, then a
     * {@code -Xshare:on} JVM that must map it. Prints its duration (not part of any start's time), or why there is no
     * archive; a file that failed its check is deleted.
     */
    static Optional<Path> record(Path dir, String java, String classPath, PrintStream out) throws IOException, InterruptedException {
        Path archive = dir.resolve("invitehub.jsa");
        Path log = newLog(dir.resolve("start-check.log"));
        long started = System.nanoTime();
        int recorded = run(ClassDataArchive.command(java, ClassDataArchive.recordOptions(archive), classPath,
                ClassDataArchive.MAIN, ClassDataArchive.RECORD_COMMAND), log, RECORD_LIMIT);
        if (recorded != 0 || !Files.isRegularFile(archive)) {
            out.printf("  class data archive not recorded (start-check exited %d): measuring without one%n", recorded);
            printTail(log, out);
            Files.deleteIfExists(archive);
            return Optional.empty();
        }
        int checked = run(ClassDataArchive.command(java, ClassDataArchive.checkOptions(archive), classPath,
                ClassDataArchive.MAIN, ClassDataArchive.CHECK_COMMAND), log, LIMIT);
        if (checked != 0) {
            out.printf("  class data archive refused by the -Xshare:on check (exit %d): measuring without one%n", checked);
            printTail(log, out);
            Files.deleteIfExists(archive);
            return Optional.empty();
        }
        out.printf("  class data archive recorded (once per build, untimed: start-check + -Xshare:on check) in %d ms, %d MB%n",
                (System.nanoTime() - started) / 1_000_000, Files.size(archive) >> 20);
        return Optional.of(archive);
    }

    /** The command's exit value; a command still running after {@code limit} is killed and counts as failed (-1). */
    private static int run(List<String> command, Path log, Duration limit) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("INVITEHUB_"));
        Process process = builder.start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    /** The log is deleted with the run's directory: its last lines say why (a throw-away start's output only). */
    private static void printTail(Path log, PrintStream out) throws IOException {
        List<String> lines = Files.readAllLines(log);
        lines.subList(Math.max(0, lines.size() - 3), lines.size()).forEach(line -> out.println("    | " + line));
    }

    private static Optional<Pair> pair(Path dir, List<String> jvmOptions, String what, PrintStream out) throws InterruptedException {
        try {
            io.invitehub.library.config.OwnerOnlyFile.ownerOnlyDirectories(dir);
            Duration first = start(dir, jvmOptions, "first start (fresh data dir, " + what + ")", out);
            Duration restart = start(dir, jvmOptions, "restart (data kept, " + what + ")", out);
            return Optional.of(new Pair(first, restart));
        } catch (IOException e) {
            out.println("  readiness " + what + " not measured: " + e);
            return Optional.empty();
        }
    }

    /**
     * An empty log file for the child's output, created owner-only (0600) from its first byte: the output holds
     * the generated admin password. A file left by an earlier run is replaced, whatever its mode.
     */
    static Path newLog(Path file) throws IOException {
        Files.deleteIfExists(file);
        return Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    }

    private static Duration start(Path dir, List<String> jvmOptions, String what, PrintStream out) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = ClassDataArchive.command(java(), jvmOptions, System.getProperty("java.class.path"),
                ClassDataArchive.MAIN, "serve");
        Path log = newLog(dir.resolve("serve.log"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("INVITEHUB_"));
        env.put("INVITEHUB_DATA_DIR", dir.toString());
        env.put("INVITEHUB_HTTP_PORT", Integer.toString(port));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            while (System.nanoTime() - started < LIMIT.toNanos()) {
                if (!process.isAlive()) {
                    throw new IOException(what + ": the service exited with " + process.exitValue() + "; see " + dir.resolve("serve.log"));
                }
                try {
                    if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        Duration ready = Duration.ofNanos(System.nanoTime() - started);
                        out.printf("  %s: ready in %d ms%n", what, ready.toMillis());
                        return ready;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            throw new IOException(what + ": not ready within " + LIMIT.toSeconds() + " s");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}

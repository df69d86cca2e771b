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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * SPEC section 11's "embedded default ready in under 10 s on first start": runs {@code invitehub
 * serve} as a child JVM (same java binary and class path, so inside the same user namespace when
 * started through {@code ./invitehub}) on a fresh data directory, and times from the process start
 * to the first {@code GET /health} answering 200; then once more on the same directory (a restart
 * with the data kept). Each start is bounded (60 s) and stopped with SIGTERM (the service's
 * shutdown hook stops its PostgreSQL); the directory is deleted afterwards.
 */
final class Readiness {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private Readiness() {
    }

    static void measure(Path dir, PrintStream out) throws InterruptedException {
        try {
            io.invitehub.library.config.OwnerOnlyFile.ownerOnlyDirectories(dir);
            Duration first = start(dir, "first start (fresh data dir)", out);
            Duration second = start(dir, "restart (data kept)", out);
            out.printf("embedded default ready (start -> /health 200): first start %.2f s, restart %.2f s (SPEC 11: < 10 s)%n",
                    first.toMillis() / 1000.0, second.toMillis() / 1000.0);
        } catch (IOException e) {
            out.println("readiness not measured: " + e);
        } finally {
            Bench.deleteQuietly(dir);
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

    private static Duration start(Path dir, String what, PrintStream out) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "io.invitehub.bootstrap.cli.Main", "serve"));
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

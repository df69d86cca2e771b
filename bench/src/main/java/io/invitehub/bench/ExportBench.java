package io.invitehub.bench;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.SecretKeys;
import io.invitehub.adapter.out.security.BcryptPasswordHasher;
import io.invitehub.bench.dataset.ExportDataset;
import io.invitehub.bootstrap.embedded.EmbeddedDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The export benchmark (SPEC section 11: "CSV export of 1 000 000 rows with a heap under 64 MB", ADR 35):
 * loads one distributor with {@code rows} sales into a fresh embedded PostgreSQL, starts the service as a
 * child JVM with {@code -Xmx64m} (same java binary and class path, so inside the same user namespace when
 * started through {@code ./invitehub}) and its GC log on, downloads {@code GET /distributors/me/exports/sales}
 * over HTTP, and prints rows, bytes, rows/s and the child's peak heap: the largest heap occupancy any
 * collection found before it ran (from the GC log), before and during the export. A heap that needed more
 * than 64 MB would end the child with an OutOfMemoryError instead. Nothing here asserts; the figures go to
 * docs/performance.md.
 */
final class ExportBench {
    private static final String HEAP = "-Xmx64m";
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    /** A GC log line's heap before and after the collection, and the heap size: {@code 23M->5M(64M)}. */
    private static final Pattern HEAP_CHANGE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private ExportBench() {
    }

    static void run(Path dir, long rows, SecretKeys secrets, PrintStream out) throws InterruptedException, IOException {
        Files.createDirectories(dir);
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("db"))) {
            PersistenceSettings db = database.settings(4);
            try (JooqPersistence persistence = JooqPersistence.connect(db, secrets)) {
                persistence.migrate();
            }
            out.printf("export bench: loading %,d sales of one distributor ...%n", rows);
            ExportDataset.Loaded loaded = ExportDataset.seed(db, rows, new BcryptPasswordHasher(4).hash(Bench.PASSWORD.toCharArray()));
            out.printf("loaded in %.1f s%n", loaded.took().toMillis() / 1000.0);
            measure(dir, db, rows, out);
        }
    }

    private static void measure(Path dir, PersistenceSettings db, long rows, PrintStream out) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path gcLog = dir.resolve("gc.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, HEAP, "-Xlog:gc:file=" + gcLog, "-cp", System.getProperty("java.class.path"),
                "io.invitehub.bootstrap.cli.Main", "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("INVITEHUB_"));
        env.put("INVITEHUB_DB_URL", db.jdbcUrl());
        env.put("INVITEHUB_DB_USER", db.user());
        env.put("INVITEHUB_DB_PASSWORD", db.password());
        env.put("INVITEHUB_DB_POOL_SIZE", "4");
        env.put("INVITEHUB_HTTP_PORT", Integer.toString(port));
        env.put("INVITEHUB_HTTP_MAX_THREADS", "8");
        env.put("INVITEHUB_TEAM_PROVIDER", "simulated");
        env.put("INVITEHUB_JWT_SECRET", "bench-export-secret-of-at-least-32-bytes");
        env.put("INVITEHUB_SECRETS_KEY", "YmVuY2gtZXhwb3J0LXNlY3JldHMta2V5LTMyLWJ5dGU=");
        env.put("INVITEHUB_DEMO", "false");
        env.put("INVITEHUB_LIFECYCLE_INTERVAL", "6h");
        env.put("INVITEHUB_SYNC_INTERVAL", "6h");
        env.put("INVITEHUB_DATA_DIR", dir.toString());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        String base = "http://127.0.0.1:" + port;
        Process service = builder.start();
        try {
            awaitHealth(client, base, service, dir);
            String token = login(client, base);
            long before = Files.size(gcLog);
            long started = System.nanoTime();
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/distributors/me/exports/sales"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long bytes = 0;
            long lines = 0;
            try (InputStream body = response.body()) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = body.read(buffer)) > 0; ) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (response.statusCode() != 200) {
                throw new IOException("the export answered " + response.statusCode());
            }
            Thread.sleep(500);
            long[] idle = peak(gcLog, 0, before);
            long[] during = peak(gcLog, before, Files.size(gcLog));
            long exported = lines - 1;
            out.printf("export of %,d sales rows (%,d expected) as CSV: %,d bytes in %.1f s = %,.0f rows/s, %.1f MB/s%n",
                    exported, rows, bytes, seconds, exported / seconds, bytes / seconds / 1e6);
            out.printf("service heap %s: peak before the export %d MB (%d GCs), peak during the export %d MB (%d GCs, heap size %d MB)%n",
                    HEAP, idle[0], idle[1], during[0], during[1], during[2]);
            out.printf("service alive after the export: %s (an OutOfMemoryError would have ended it; see %s)%n", service.isAlive(),
                    dir.resolve("serve.log"));
        } finally {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The largest heap occupancy before a collection, the number of collections and the largest heap size, in a range of the GC log. */
    static long[] peak(Path gcLog, long from, long to) throws IOException {
        byte[] all = Files.readAllBytes(gcLog);
        String text = new String(all, (int) Math.min(from, all.length), (int) (Math.min(to, all.length) - Math.min(from, all.length)),
                StandardCharsets.UTF_8);
        long peak = 0;
        long count = 0;
        long size = 0;
        Matcher m = HEAP_CHANGE.matcher(text);
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
            size = Math.max(size, Long.parseLong(m.group(3)));
            count++;
        }
        return new long[]{peak, count, size};
    }

    private static void awaitHealth(HttpClient client, String base, Process service, Path dir) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() - started < START_LIMIT.toNanos()) {
            if (!service.isAlive()) {
                throw new IOException("the service exited with " + service.exitValue() + "; see " + dir.resolve("serve.log"));
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("the service was not ready within " + START_LIMIT.toSeconds() + " s");
    }

    private static String login(HttpClient client, String base) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + ExportDataset.USERNAME + "&password=" + Bench.PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IOException("login failed: " + response.statusCode() + " " + response.body());
        }
        return m.group(1);
    }
}

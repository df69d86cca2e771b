package io.invitehub.bootstrap.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real service process ({@code invitehub serve} on the embedded default, as a child JVM) stopped with
 * SIGTERM while its workers are busy and requests arrive: the workers stop before the connection pool and
 * the database close, so the log has no ERROR, no failed-pass warning and no stack trace; the process
 * exits and its PostgreSQL is gone.
 */
class ServeShutdownTest {
    private static final Pattern PG_PORT = Pattern.compile("embedded PostgreSQL \\w+ .* on (?:127\\.0\\.0\\.1:|port )(\\d+)");
    private static final Pattern CODES = Pattern.compile("Demo platform codes: (.*)");
    private static final Pattern PRINTED_START = Pattern.compile("Started in (\\d+) ms\\.");
    private static final Pattern LOGGED_TOTAL = Pattern.compile("start step: serve started, demo accounts printed, (\\d+) ms after the JVM started");

    @Test
    void sigtermWhileBusyStopsEverythingInOrderWithoutErrors(@TempDir Path dir) throws Exception {
        String run = "fresh data directory";
        Path log = dir.resolve("serve.log");
        int port = freePort();
        Process process = start(dir.resolve("data"), port, log);
        try {
            String started = awaitStarted(process, log);
            Matcher pg = PG_PORT.matcher(started);
            assertThat(pg.find()).as("the log names the embedded PostgreSQL port").isTrue();
            int pgPort = Integer.parseInt(pg.group(1));
            List<String> codes = new ArrayList<>();
            Matcher m = CODES.matcher(started);
            if (m.find()) {
                codes.addAll(List.of(m.group(1).trim().split("\\s+")));
            }

            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger answered = new AtomicInteger();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int client = i;
                Thread t = new Thread(() -> load(port, codes, client, stop, answered));
                t.start();
                clients.add(t);
            }
            long loaded = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (answered.get() < 40 && System.nanoTime() < loaded) {
                Thread.sleep(50);
            }
            Thread.sleep(300);
            process.destroy(); // SIGTERM
            boolean exited = process.waitFor(120, TimeUnit.SECONDS);
            stop.set(true);
            for (Thread t : clients) {
                t.join();
            }
            assertThat(exited).as("%s: the process ends after SIGTERM", run).isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(answered.get()).as("requests were served before the stop:%n%s", output).isPositive();

            List<String> bad = output.lines().filter(l -> l.contains(" ERROR ") || l.contains("Exception")
                    || l.matches("\\s+at .*") || l.matches(".*WARN .*(failed|error).*")).toList();
            assertThat(bad).as("%s: errors or stack traces in the log of a clean stop:%n%s", run, output).isEmpty();
            assertThat(accepts(pgPort)).as("%s: the embedded PostgreSQL stopped with the service", run).isFalse();
            Matcher printed = PRINTED_START.matcher(output);
            Matcher logged = LOGGED_TOTAL.matcher(output);
            assertThat(printed.find() && logged.find()).as("the start's printed time and logged total:%n%s", output).isTrue();
            assertThat(printed.group(1)).as("one clock: the printed start time is the logged total").isEqualTo(logged.group(1));
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * SIGTERM while the service is still starting (PostgreSQL up, migrations and demo data under way): the
     * process ends and leaves no PostgreSQL running on the data directory.
     */
    @Test
    void sigtermDuringTheStartLeavesNoDatabaseRunning(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("start.log");
        Process process = start(dir.resolve("data"), freePort(), log);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            Integer pgPort = null;
            while (pgPort == null && System.nanoTime() < deadline && process.isAlive()) {
                Matcher pg = PG_PORT.matcher(Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "");
                if (pg.find()) {
                    pgPort = Integer.parseInt(pg.group(1));
                } else {
                    Thread.sleep(10);
                }
            }
            assertThat(pgPort).as("the database came up:%n%s", Files.readString(log, StandardCharsets.UTF_8)).isNotNull();
            process.destroy(); // SIGTERM, before "Started in"
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the process ends").isTrue();
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).doesNotContain("Started in");
            assertThat(accepts(pgPort)).as("no PostgreSQL left running").isFalse();
            assertThat(dir.resolve("data").resolve("postgres").resolve("postmaster.pid")).doesNotExist();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Process start(Path dataDir, int port, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.invitehub.bootstrap.cli.Main", "serve").redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("INVITEHUB_"));
        env.putAll(Map.ofEntries(
                Map.entry("INVITEHUB_DATA_DIR", dataDir.toString()),
                Map.entry("INVITEHUB_HTTP_PORT", Integer.toString(port)),
                Map.entry("INVITEHUB_BCRYPT_COST", "4"),
                Map.entry("INVITEHUB_REDEEM_PER_ADDRESS_PER_MINUTE", "100000"),
                Map.entry("INVITEHUB_REDEEM_PER_EMAIL_PER_MINUTE", "100000"),
                // every worker busy: tiny poll intervals and schedules, so passes run while the stop comes
                Map.entry("INVITEHUB_DISPATCH_POLL_INTERVAL", "5ms"),
                Map.entry("INVITEHUB_QUEUE_POLL_INTERVAL", "5ms"),
                Map.entry("INVITEHUB_FULFILMENT_POLL_INTERVAL", "5ms"),
                Map.entry("INVITEHUB_ORDER_EXPIRY_INTERVAL", "10ms"),
                Map.entry("INVITEHUB_LIFECYCLE_INTERVAL", "10ms"),
                Map.entry("INVITEHUB_MAINTENANCE_INTERVAL", "10ms"),
                Map.entry("INVITEHUB_SYNC_INTERVAL", "50ms"),
                Map.entry("INVITEHUB_SIM_MAX_LATENCY", "20ms")));
        return builder.start();
    }

    private static String awaitStarted(Process process, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (output.contains("Started in")) {
                return output;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the service exited with " + process.exitValue() + ":\n" + output);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the service did not start within 300 s:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Redemptions of the demo codes with fresh e-mails and health checks until told to stop. */
    private static void load(int port, List<String> codes, int client, AtomicBoolean stop, AtomicInteger answered) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        int n = 0;
        while (!stop.get()) {
            n++;
            HttpRequest request;
            if (!codes.isEmpty() && n % 2 == 0) {
                String body = "{\"code\":\"" + codes.get(n % codes.size()) + "\",\"email\":\"c" + client + "-" + n + "@example.com\"}";
                request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/public/redeem"))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            } else {
                request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(10)).build();
            }
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
                answered.incrementAndGet();
            } catch (IOException refusedOrClosed) {
                // the server is stopping
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.invitehub.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read route is measured until it has the wanted number of answers (issue 17: "enough samples for a p99", ADR 67)
 * or its time cap: with a generous cap the count decides, exactly, over a real loopback server. The line after the
 * reads names the routes the cap stopped short. The read phase (ADR 70, 81) warms every route round-robin, then
 * measures each in turn, from the load generator's child JVM or, with {@code --in-process-load}, from the bench JVM,
 * and its GC lines say which. No timing is asserted.
 */
class HttpLoadTest {

    @Test
    void aLoadStopsAtTheWantedSampleCountWhenTheCapIsFarAway() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/read", exchange -> {
            int n = answered.incrementAndGet();
            // every fiftieth answer is an error: a failure, but still an answer and a latency sample
            exchange.sendResponseHeaders(n % 50 == 0 ? 500 : 200, -1);
            exchange.close();
        });
        server.start();
        try {
            URI target = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/read");
            HttpLoad.Result result = HttpLoad.run("read", LoadGenerator.client(), 3, Duration.ofMinutes(2), 1_500,
                    n -> HttpRequest.newBuilder(target).GET().build(), status -> status == 200);

            assertThat(result.requests()).as("samples").isEqualTo(1_500);
            assertThat(answered.get()).as("no request beyond the wanted count").isEqualTo(1_500);
            assertThat(result.failures()).isEqualTo(30);
            assertThat(result.p99()).isGreaterThanOrEqualTo(result.p50()).isPositive();
        } finally {
            server.stop(0);
        }
    }

    /**
     * A request that throws something unexpected (here: building it fails for every tenth request number) is a failure
     * of that request; the client thread goes on with the next, so every wanted request is still sent or counted.
     */
    @Test
    void anUnexpectedExceptionIsAFailureAndTheClientGoesOn() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/read", exchange -> {
            answered.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            URI target = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/read");
            HttpLoad.Result result = HttpLoad.run("read", LoadGenerator.client(), 2, Duration.ofMinutes(2), 500, n -> {
                if (n % 10 == 0) {
                    throw new IllegalStateException("request " + n + " could not be built");
                }
                return HttpRequest.newBuilder(target).GET().build();
            }, status -> status == 200);

            assertThat(result.requests()).as("every request number taken, none lost with a dead client thread").isEqualTo(500);
            assertThat(result.failures()).isEqualTo(50);
            assertThat(answered.get()).isEqualTo(450);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theAnswersOverFiveAndTenMillisecondsAreCountedStrictlyOver() {
        long[] latencies = {12_000_000, 1_000_000, 5_000_000, 5_000_001, 10_000_000, 10_000_001, 4_999_999, 250_000_000};

        HttpLoad.Result r = HttpLoad.summarise("x", latencies, 1, 1_000_000_000L);

        assertThat(r.requests()).isEqualTo(8);
        assertThat(r.over5ms()).as("5.000 ms is not over 5 ms; 5.000001 is").isEqualTo(5);
        assertThat(r.over10ms()).isEqualTo(3);
        assertThat(HttpLoad.summarise("none", new long[0], 0, 0).over5ms()).isZero();
        assertThat(HttpLoad.over(new long[] {6_000_000, 7_000_000}, HttpLoad.OVER_A)).isEqualTo(2);
    }

    @Test
    void theLineAfterTheReadsSaysWhatEachP99RestsOn() {
        HttpLoad.Result full = new HttpLoad.Result("largest /me/summary", 10_000, 0, 800, Duration.ofMillis(2), Duration.ofMillis(3),
                Duration.ofMillis(5), Duration.ofMillis(9), 100, 0);
        HttpLoad.Result capped = new HttpLoad.Result("largest /me/members?limit=50", 7_412, 0, 123, Duration.ofMillis(6),
                Duration.ofMillis(9), Duration.ofMillis(12), Duration.ofMillis(30), 2_000, 100);

        assertThat(Bench.readSamples(List.of(full, full), 10_000, Duration.ofSeconds(60)))
                .isEqualTo("read samples: 2 routes, 10,000–10,000 answers each (wanted 10,000, cap 60 s per route); "
                        + "every p99 rests on the wanted count");
        assertThat(Bench.readSamples(List.of(full, capped), 10_000, Duration.ofSeconds(60)))
                .endsWith("7,412–10,000 answers each (wanted 10,000, cap 60 s per route); stopped by the cap: largest /me/members?limit=50 7412");
        assertThat(Bench.readSamples(List.of(), 10_000, Duration.ofSeconds(60))).isEqualTo("read samples: no read route measured");
    }

    /** The reads of {@code options} over {@code routes} against a loopback server: what each path answered, in order. */
    private static final class Reads {
        final java.util.Map<String, AtomicInteger> answered = new java.util.concurrent.ConcurrentHashMap<>();
        final java.util.Queue<String> order = new java.util.concurrent.ConcurrentLinkedQueue<>();
        String printed;
        List<String> rows;

        Reads run(String[] options, Path dir) throws Exception {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            for (String path : List.of("/a", "/b", "/c")) {
                server.createContext(path, exchange -> {
                    answered.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
                    order.add(path);
                    // the read routes authenticate: without the bearer token the answer is a failure
                    exchange.sendResponseHeaders("Bearer tok".equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 200 : 401, -1);
                    exchange.close();
                });
            }
            server.start();
            try {
                String base = "http://127.0.0.1:" + server.getAddress().getPort();
                List<Bench.ReadRoute> routes = new java.util.ArrayList<>();
                routes.add(new Bench.ReadRoute("/a", new LoadGenerator.Get(URI.create(base + "/a"), java.util.Map.of("Authorization", "Bearer tok")), null));
                routes.add(new Bench.ReadRoute("/skipped", null, HttpLoad.Result.skippedRow("/skipped", "route not available yet (HTTP 404)")));
                for (String p : List.of("/b", "/c")) {
                    routes.add(new Bench.ReadRoute(p, new LoadGenerator.Get(URI.create(base + p), java.util.Map.of("Authorization", "Bearer tok")), null));
                }
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                rows = new Bench(Bench.BenchOptions.parse(options), new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8))
                        .reads(LoadGenerator.client(), routes, dir);
                printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
                return this;
            } finally {
                server.stop(0);
            }
        }
    }

    @Test
    void theReadsRunInTheLoadGeneratorWarmEveryRouteInterleavedThenMeasureEachInOrder(@TempDir Path dir) throws Exception {
        Reads reads = new Reads().run(new String[] {"--read-clients", "1", "--read-warmup", "50", "--read-samples", "20"}, dir);

        assertThat(reads.answered).as("--read-warmup then --read-samples answers per route").containsOnlyKeys("/a", "/b", "/c");
        reads.answered.values().forEach(count -> assertThat(count.get()).isEqualTo(70));
        List<String> order = List.copyOf(reads.order);
        assertThat(order.subList(0, 6)).as("the warm-up round-robin, not one route after the other")
                .containsExactly("/a", "/b", "/c", "/a", "/b", "/c");
        assertThat(order.subList(150, 210)).as("then each route measured in turn")
                .isEqualTo(java.util.stream.Stream.of("/a", "/b", "/c").flatMap(p -> java.util.Collections.nCopies(20, p).stream()).toList());
        assertThat(reads.printed)
                .contains("read load: in a child JVM (-Xmx256m -XX:+UseSerialGC), the service alone in this one; 4 warm-up round(s), 3 routes")
                .contains("read warm-up: 50 answers per route, round-robin over 3 routes (150 requests, 0 failed) in ")
                .contains("p50 / p99 ms of its 4 rounds: ")
                .contains("load average before the reads: ")
                .containsPattern("GC during /a: \\d+ pauses, .*; service JVM only \\(read clients in the load generator(: [0-9.]+ s CPU, "
                        + "[0-9.]+ µs per answer|, its CPU not reported)\\)\n")
                .contains("read samples: 3 routes, 20–20 answers each (wanted 20, cap 60 s per route); every p99 rests on the wanted count")
                .contains("GC during the 3 measured read routes: ");
        assertThat(reads.rows).hasSize(6);
        assertThat(reads.rows.get(0)).startsWith("| /a ").contains("|        20 |        0 |");
        assertThat(reads.rows.get(1)).as("a skipped route keeps its place").startsWith("| /skipped ").contains("skipped: route not available yet");
        assertThat(reads.rows.get(2)).startsWith("| /b ");
        assertThat(reads.rows.get(3)).startsWith("| /c ");
        assertThat(reads.rows.get(4)).startsWith("read samples: 3 routes");
        assertThat(reads.rows.get(5)).startsWith("GC during the 3 measured read routes: ").contains("; service JVM only (read clients in the load generator");
        try (var left = java.nio.file.Files.list(dir)) {
            assertThat(left).as("the spec file, which holds the bearer tokens, is deleted").isEmpty();
        }
    }

    @Test
    void inProcessTheReadsAreTheSameAndTheGcLineSaysTheClientsAreInTheServiceJvm(@TempDir Path dir) throws Exception {
        Reads reads = new Reads().run(new String[] {"--read-clients", "1", "--read-warmup", "50", "--read-samples", "20", "--in-process-load"}, dir);

        reads.answered.values().forEach(count -> assertThat(count.get()).isEqualTo(70));
        assertThat(List.copyOf(reads.order).subList(0, 6)).containsExactly("/a", "/b", "/c", "/a", "/b", "/c");
        assertThat(reads.printed).contains("read load: in the bench JVM, beside the service (--in-process-load)")
                .contains("read warm-up: 50 answers per route, round-robin over 3 routes (150 requests, 0 failed) in ")
                .containsPattern("GC during /c: .*; service JVM with the read clients in it \\(--in-process-load\\)\n");
        assertThat(reads.rows.get(5)).endsWith("; service JVM with the read clients in it (--in-process-load)");
        try (var left = java.nio.file.Files.list(dir)) {
            assertThat(left).as("no spec file in-process").isEmpty();
        }

        Reads cold = new Reads().run(new String[] {"--read-clients", "1", "--read-warmup", "0", "--read-samples", "5"}, dir);
        reads.answered.values().forEach(count -> assertThat(count.get()).isEqualTo(70));
        cold.answered.values().forEach(count -> assertThat(count.get()).as("--read-warmup 0 sends only the measured GETs").isEqualTo(5));
        assertThat(cold.printed).contains("read warm-up: none (--read-warmup 0)").contains("0 warm-up round(s), 3 routes");
    }

    @Test
    void theReadWarmUpIsSplitIntoFourRoundsThatAddUpToItsCount() {
        assertThat(Bench.readWarmupRounds(2_000)).containsExactly(500L, 500L, 500L, 500L);
        assertThat(Bench.readWarmupRounds(50)).containsExactly(12L, 13L, 12L, 13L);
        assertThat(Bench.readWarmupRounds(2)).containsExactly(1L, 1L);
        assertThat(Bench.readWarmupRounds(0)).isEmpty();
    }
}

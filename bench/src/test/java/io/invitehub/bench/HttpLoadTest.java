package io.invitehub.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read route is measured until it has the wanted number of answers (issue 17: "enough samples for a p99", ADR 67)
 * or its time cap: with a generous cap the count decides, exactly, over a real loopback server. The line after the
 * reads names the routes the cap stopped short. No timing is asserted.
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
    void theLineAfterTheReadsSaysWhatEachP99RestsOn() {
        HttpLoad.Result full = new HttpLoad.Result("largest /me/summary", 10_000, 0, 800, Duration.ofMillis(2), Duration.ofMillis(3),
                Duration.ofMillis(5), Duration.ofMillis(9));
        HttpLoad.Result capped = new HttpLoad.Result("largest /me/members?limit=50", 7_412, 0, 123, Duration.ofMillis(6),
                Duration.ofMillis(9), Duration.ofMillis(12), Duration.ofMillis(30));

        assertThat(Bench.readSamples(List.of(full, full), 10_000, Duration.ofSeconds(60)))
                .isEqualTo("read samples: 2 routes, 10,000–10,000 answers each (wanted 10,000, cap 60 s per route); "
                        + "every p99 rests on the wanted count");
        assertThat(Bench.readSamples(List.of(full, capped), 10_000, Duration.ofSeconds(60)))
                .endsWith("7,412–10,000 answers each (wanted 10,000, cap 60 s per route); stopped by the cap: largest /me/members?limit=50 7412");
        assertThat(Bench.readSamples(List.of(), 10_000, Duration.ofSeconds(60))).isEqualTo("read samples: no read route measured");
    }

    @Test
    void theReadWarmUpGivesEveryRouteItsCountInterleavedAndSaysSo() throws Exception {
        java.util.Map<String, AtomicInteger> answered = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Queue<String> order = new java.util.concurrent.ConcurrentLinkedQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        for (String path : List.of("/a", "/b", "/c")) {
            server.createContext(path, exchange -> {
                answered.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
                order.add(path);
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
        }
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            List<Bench.ReadRoute> routes = List.of("/a", "/b", "/c").stream()
                    .map(p -> new Bench.ReadRoute(p, n -> HttpRequest.newBuilder(URI.create(base + p)).GET().build(), null)).toList();
            java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
            Bench bench = new Bench(Bench.BenchOptions.parse(new String[] {"--read-clients", "1", "--read-warmup", "50"}),
                    new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));

            bench.readWarmup(LoadGenerator.client(), routes);

            assertThat(answered).as("exactly --read-warmup answers per route").containsOnlyKeys("/a", "/b", "/c");
            answered.values().forEach(count -> assertThat(count.get()).isEqualTo(50));
            assertThat(order.stream().limit(6).toList()).as("round-robin, not one route after the other")
                    .containsExactly("/a", "/b", "/c", "/a", "/b", "/c");
            assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .startsWith("read warm-up: 50 answers per route, round-robin over 3 routes (150 requests, 0 failed) in ")
                    .contains("p50 / p99 ms of its 4 rounds: ");

            printed.reset();
            new Bench(Bench.BenchOptions.parse(new String[] {"--read-warmup", "0"}),
                    new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8)).readWarmup(LoadGenerator.client(), routes);
            assertThat(answered.get("/a").get()).as("--read-warmup 0 sends nothing").isEqualTo(50);
            assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("read warm-up: none (--read-warmup 0)");
        } finally {
            server.stop(0);
        }
    }
}

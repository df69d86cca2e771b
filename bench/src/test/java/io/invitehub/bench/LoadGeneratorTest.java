package io.invitehub.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bench's load generator in its own process (issue 17): the spec file and the result line survive their round
 * trip, and a real child JVM started as the bench starts it sends every redemption exactly once over real HTTP, tells
 * when its load starts and ends, and reports what it saw (a refused redemption counted as a failure) and its CPU.
 * No timing is asserted.
 */
class LoadGeneratorTest {
    private static final Pattern BODY = Pattern.compile("\\{\"code\":\"([^\"]+)\",\"email\":\"([^\"]+)\"}");

    private static List<LoadGenerator.Redemption> redemptions(int count) {
        List<LoadGenerator.Redemption> all = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            all.add(new LoadGenerator.Redemption("CODE" + n, "bench" + n + "@example.com"));
        }
        return all;
    }

    @Test
    void theSpecFileReadsBackAsWritten() throws Exception {
        LoadGenerator.Spec spec = new LoadGenerator.Spec("POST /public/redeem (new codes)",
                URI.create("http://127.0.0.1:4242/api/v1/public/redeem"), 16, Duration.ofSeconds(20), redemptions(3));
        StringWriter text = new StringWriter();
        spec.write(text);

        assertThat(text.toString()).startsWith("invitehub-loadgen 1\nname POST /public/redeem (new codes)\n")
                .endsWith("CODE2\tbench2@example.com\n");
        assertThat(LoadGenerator.Spec.read(new BufferedReader(new StringReader(text.toString())))).isEqualTo(spec);
    }

    @Test
    void aFileThatIsNoSpecOrIsCutShortIsRefused() {
        assertThatThrownBy(() -> LoadGenerator.Spec.read(new BufferedReader(new StringReader("hello\n"))))
                .hasMessageContaining("not a load generator file");
        String cut = "invitehub-loadgen 1\nname x\ntarget http://127.0.0.1:1/\nclients 1\nmillis 1000\nredemptions 2\nA\ta@example.com\n";
        assertThatThrownBy(() -> LoadGenerator.Spec.read(new BufferedReader(new StringReader(cut))))
                .hasMessageContaining("redemption 2 of 2 missing");
        assertThatThrownBy(() -> new LoadGenerator.Redemption("A\"B", "a@example.com")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theResultLineReadsBackAsTheLoadGeneratorSawIt() {
        HttpLoad.Result seen = new HttpLoad.Result("POST /public/redeem (new codes)", 8380, 2, 419.25, Duration.ofNanos(35_610_000),
                Duration.ofNanos(67_230_000), Duration.ofNanos(99_020_000), Duration.ofNanos(255_890_000));
        String line = LoadGenerator.resultLine(seen, 16_800_000_000L);
        assertThat(line).isEqualTo("result requests=8380 failures=2 per_second=419.250 p50_ns=35610000 p95_ns=67230000 "
                + "p99_ns=99020000 max_ns=255890000 cpu_ns=16800000000");

        LoadGenerator.Outcome back = LoadGenerator.parseResult(seen.name(), line, OptionalLong.of(20_000_000_000L));
        assertThat(back.result()).isEqualTo(seen);
        assertThat(back.cpuNanos()).hasValue(16_800_000_000L);
        assertThat(back.lifetimeCpuNanos()).hasValue(20_000_000_000L);

        assertThat(LoadGenerator.parseResult("x", LoadGenerator.resultLine(seen, -1), OptionalLong.empty()).cpuNanos())
                .as("a child whose platform does not report its CPU").isEmpty();
        assertThatThrownBy(() -> LoadGenerator.parseResult("x", "result requests=1", OptionalLong.empty()))
                .hasMessageContaining("no failures");
        assertThatThrownBy(() -> LoadGenerator.parseResult("x", "started", OptionalLong.empty()))
                .hasMessageContaining("not a load generator result");
    }

    @Test
    void theChildJvmSendsEveryRedemptionOnceAndReportsWhatItSaw(@TempDir Path dir) throws Exception {
        ConcurrentHashMap<String, String> received = new ConcurrentHashMap<>();
        List<String> duplicates = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/v1/public/redeem", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = BODY.matcher(body);
            int status = 400;
            if ("POST".equals(exchange.getRequestMethod()) && m.matches()
                    && "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                if (received.put(m.group(1), m.group(2)) != null) {
                    duplicates.add(m.group(1));
                }
                // the service refuses a used-up code with 409: the load generator counts it as a failure
                status = m.group(1).equals("CODE7") ? 409 : 200;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        List<String> events = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            LoadGenerator.Spec spec = new LoadGenerator.Spec("POST /public/redeem (test)",
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/public/redeem"), 4,
                    Duration.ofSeconds(60), redemptions(40));

            LoadGenerator.Outcome outcome = LoadGenerator.spawn(spec, dir, new LoadGenerator.Window() {
                @Override
                public void started() {
                    events.add("started");
                }

                @Override
                public void ended() {
                    events.add("ended");
                }
            }, new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertThat(events).containsExactly("started", "ended");
            assertThat(duplicates).isEmpty();
            assertThat(received).hasSize(40).containsEntry("CODE0", "bench0@example.com").containsEntry("CODE39", "bench39@example.com");
            assertThat(outcome.result().name()).isEqualTo("POST /public/redeem (test)");
            assertThat(outcome.result().requests()).isEqualTo(40);
            assertThat(outcome.result().failures()).isEqualTo(1);
            assertThat(outcome.result().p50()).isPositive();
            assertThat(outcome.result().max()).isGreaterThanOrEqualTo(outcome.result().p99());
            assertThat(outcome.cpuNanos()).as("the child's CPU over its load").isPresent();
            if (ProcessCpu.system().available()) {
                assertThat(outcome.lifetimeCpuNanos().orElseThrow()).as("its whole life holds its load")
                        .isGreaterThanOrEqualTo(outcome.cpuNanos().getAsLong());
            }
            assertThat(printed.toString(StandardCharsets.UTF_8)).as("nothing outside the protocol").isEmpty();
            try (var left = Files.list(dir)) {
                assertThat(left).as("the spec file, which holds live codes, is deleted").isEmpty();
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void requestsNobodyAnswersAreFailuresAndAMissingSpecFileIsAnError(@TempDir Path dir) throws Exception {
        // nothing listens on the discard port of loopback: every request fails, and the child says so
        LoadGenerator.Spec unreachable = new LoadGenerator.Spec("x", URI.create("http://127.0.0.1:9/redeem"), 1,
                Duration.ofSeconds(30), redemptions(2));
        LoadGenerator.Outcome outcome = LoadGenerator.spawn(unreachable, dir, new CpuMeter(ProcessCpu.system(), OptionalLong.empty()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(outcome.result().requests()).isEqualTo(2);
        assertThat(outcome.result().failures()).isEqualTo(2);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertThatThrownBy(() -> LoadGenerator.child(dir.resolve("missing.txt"), new PrintStream(printed, true, StandardCharsets.UTF_8)))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThat(printed.toString(StandardCharsets.UTF_8)).as("no started line before the spec is read").isEmpty();
    }
}

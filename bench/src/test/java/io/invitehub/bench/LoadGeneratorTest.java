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
 * trip, and a real child JVM started as the bench starts it runs its stages in order (the warm-up's codes all before the
 * measured window's, ADR 67), sends every redemption exactly once over real HTTP, tells when each stage starts and
 * ends, and reports what it saw per stage (a refused redemption counted as a failure) and its CPU. GET stages (the
 * reads, ADR 81) survive the round trip with their headers, and the child sends them in stage order, round-robin over a
 * stage's targets, with their headers, counting a non-200 answer as a failure. No timing is asserted.
 */
class LoadGeneratorTest {
    private static final Pattern BODY = Pattern.compile("\\{\"code\":\"([^\"]+)\",\"email\":\"([^\"]+)\"}");

    private static List<LoadGenerator.Redemption> redemptions(String prefix, int count) {
        List<LoadGenerator.Redemption> all = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            all.add(new LoadGenerator.Redemption(prefix + n, prefix.toLowerCase(java.util.Locale.ROOT) + n + "@example.com"));
        }
        return all;
    }

    private static LoadGenerator.Spec warmedSpec(URI target, int warmup, int measured) {
        return new LoadGenerator.Spec(4, List.of(
                new LoadGenerator.Stage(Bench.WARM_UP, "POST /public/redeem (warm-up)", Duration.ofSeconds(60), target, redemptions("WARM", warmup)),
                new LoadGenerator.Stage(Bench.MEASURED, "POST /public/redeem (test)", Duration.ofSeconds(60), target, redemptions("CODE", measured))));
    }

    /** Records each stage's start and end, in order. */
    private static final class Events implements LoadGenerator.Window {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void started(String stage) {
            seen.add("started " + stage);
        }

        @Override
        public void ended(String stage) {
            seen.add("ended " + stage);
        }
    }

    @Test
    void theSpecFileReadsBackAsWritten() throws Exception {
        LoadGenerator.Spec spec = warmedSpec(URI.create("http://127.0.0.1:4242/api/v1/public/redeem"), 2, 3);
        StringWriter text = new StringWriter();
        spec.write(text);

        assertThat(text.toString()).startsWith("invitehub-loadgen 4\nclients 4\nstages 2\n"
                        + "stage warm-up post 60000 2 POST /public/redeem (warm-up)\ntarget http://127.0.0.1:4242/api/v1/public/redeem\n"
                        + "WARM0\twarm0@example.com\n")
                .contains("stage measured post 60000 3 POST /public/redeem (test)\ntarget http://127.0.0.1:4242/api/v1/public/redeem\nCODE0\t")
                .endsWith("CODE2\tcode2@example.com\n");
        assertThat(LoadGenerator.Spec.read(new BufferedReader(new StringReader(text.toString())))).isEqualTo(spec);
    }

    private static LoadGenerator.Get get(String target, String... headers) {
        java.util.Map<String, String> h = new java.util.LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return new LoadGenerator.Get(URI.create(target), h);
    }

    @Test
    void aSpecWithGetStagesReadsBackAsWrittenWithItsHeaders() throws Exception {
        LoadGenerator.Spec spec = new LoadGenerator.Spec(2, List.of(
                new LoadGenerator.Stage(Bench.READ_WARM_UP + "-1", "read warm-up", Duration.ofMinutes(10), new LoadGenerator.Gets(List.of(
                        get("http://127.0.0.1:4242/api/v1/distributors/me/summary", "Authorization", "Bearer eyJ.a-b_c.d"),
                        get("http://127.0.0.1:4242/api/v1/distributors/me/sales?limit=50&cursor=abc%3D%3D", "Authorization", "Bearer t2",
                                "Cookie", "ih_session=s; other=1")), 40)),
                new LoadGenerator.Stage(Bench.readLabel(0), "largest /me/summary", Duration.ofSeconds(60), new LoadGenerator.Gets(List.of(
                        get("http://127.0.0.1:4242/api/v1/distributors/me/summary", "Authorization", "Bearer eyJ.a-b_c.d")), 10_000)),
                new LoadGenerator.Stage(Bench.MEASURED, "POST /public/redeem (test)", Duration.ofSeconds(5),
                        URI.create("http://127.0.0.1:4242/api/v1/public/redeem"), redemptions("CODE", 1))));
        StringWriter text = new StringWriter();
        spec.write(text);

        assertThat(text.toString()).isEqualTo("invitehub-loadgen 4\nclients 2\nstages 3\n"
                + "stage read-warm-up-1 get 600000 40 read warm-up\ntargets 2\n"
                + "get 1 http://127.0.0.1:4242/api/v1/distributors/me/summary\nAuthorization: Bearer eyJ.a-b_c.d\n"
                + "get 2 http://127.0.0.1:4242/api/v1/distributors/me/sales?limit=50&cursor=abc%3D%3D\nAuthorization: Bearer t2\n"
                + "Cookie: ih_session=s; other=1\n"
                + "stage read-1 get 60000 10000 largest /me/summary\ntargets 1\n"
                + "get 1 http://127.0.0.1:4242/api/v1/distributors/me/summary\nAuthorization: Bearer eyJ.a-b_c.d\n"
                + "stage measured post 5000 1 POST /public/redeem (test)\ntarget http://127.0.0.1:4242/api/v1/public/redeem\n"
                + "CODE0\tcode0@example.com\n");
        LoadGenerator.Spec back = LoadGenerator.Spec.read(new BufferedReader(new StringReader(text.toString())));
        assertThat(back).isEqualTo(spec);
        assertThat(back.stages().get(0).requests().count()).isEqualTo(40);
        assertThat(back.stages().get(0).redemptions()).as("a GET stage redeems nothing").isEmpty();
        assertThat(((LoadGenerator.Gets) back.stages().get(0).requests()).gets().get(1).request().headers().firstValue("Cookie"))
                .hasValue("ih_session=s; other=1");

        assertThatThrownBy(() -> get("http://127.0.0.1:1/", "Authorization", "Bearer a\nInjected: 1"))
                .as("a header value on two lines would be a second header in the file").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> get("http://127.0.0.1:1/", "Bad Name", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> get("/relative")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadGenerator.Gets(List.of(), 1)).isInstanceOf(IllegalArgumentException.class);
        String headerMissing = "invitehub-loadgen 4\nclients 1\nstages 1\nstage read-1 get 1000 5 x\ntargets 1\n"
                + "get 2 http://127.0.0.1:1/a\nAuthorization: Bearer t\n";
        assertThatThrownBy(() -> LoadGenerator.Spec.read(new BufferedReader(new StringReader(headerMissing))))
                .hasMessageContaining("stage read-1: header 2 of 2 of GET 1 missing");
        String unknownKind = "invitehub-loadgen 4\nclients 1\nstages 1\nstage read-1 put 1000 5 x\n";
        assertThatThrownBy(() -> LoadGenerator.Spec.read(new BufferedReader(new StringReader(unknownKind))))
                .hasMessageContaining("'<label> post|get <millis> <count> <name>'");
    }

    /**
     * A loopback server answering GETs: {@code /w1}, {@code /w2} (the warm-up's) and {@code /a} answer 200 to the right
     * bearer token and cookie, 401 otherwise; every request's path recorded in arrival order.
     */
    private static final class Reader implements AutoCloseable {
        final List<String> order = new CopyOnWriteArrayList<>();
        final List<String> refused = new CopyOnWriteArrayList<>();
        final HttpServer server;

        Reader() throws java.io.IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                order.add(path);
                boolean known = path.equals("/w1") || path.equals("/w2") || path.equals("/a");
                boolean authorised = "Bearer tok".equals(exchange.getRequestHeaders().getFirst("Authorization"))
                        && "ih_session=s1".equals(exchange.getRequestHeaders().getFirst("Cookie"));
                int status = "GET".equals(exchange.getRequestMethod()) && known && authorised ? 200 : 401;
                if (status != 200) {
                    refused.add(path);
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String base() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        long count(String path) {
            return order.stream().filter(path::equals).count();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void theChildJvmSendsTheGetStagesInOrderWithTheirHeadersAndCountsEachRoutesAnswers(@TempDir Path dir) throws Exception {
        Events events = new Events();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (Reader server = new Reader()) {
            String[] auth = {"Authorization", "Bearer tok", "Cookie", "ih_session=s1"};
            LoadGenerator.Spec spec = new LoadGenerator.Spec(2, List.of(
                    new LoadGenerator.Stage("read-warm-up-1", "read warm-up", Duration.ofSeconds(60),
                            new LoadGenerator.Gets(List.of(get(server.base() + "/w1", auth), get(server.base() + "/w2", auth)), 20)),
                    new LoadGenerator.Stage("read-1", "route a", Duration.ofSeconds(60),
                            new LoadGenerator.Gets(List.of(get(server.base() + "/a", auth)), 30)),
                    new LoadGenerator.Stage("read-2", "route a, wrong token", Duration.ofSeconds(60),
                            new LoadGenerator.Gets(List.of(get(server.base() + "/a", "Authorization", "Bearer other")), 7))));

            LoadGenerator.Outcome outcome = LoadGenerator.spawn(spec, dir, events, new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertThat(events.seen).containsExactly("started read-warm-up-1", "ended read-warm-up-1", "started read-1", "ended read-1",
                    "started read-2", "ended read-2");
            assertThat(server.count("/w1")).as("the warm-up round-robin over its targets").isEqualTo(10);
            assertThat(server.count("/w2")).isEqualTo(10);
            assertThat(server.count("/a")).isEqualTo(37);
            assertThat(server.order.subList(0, 20)).as("every warm-up GET before the first measured one").allMatch(p -> p.startsWith("/w"));
            assertThat(server.refused).as("only the stage with the wrong token is refused").hasSize(7).allMatch("/a"::equals);
            LoadGenerator.Staged route = outcome.stage("read-1");
            assertThat(route.result().name()).isEqualTo("route a");
            assertThat(route.result().requests()).isEqualTo(30);
            assertThat(route.result().failures()).isZero();
            assertThat(route.result().p50()).isPositive();
            assertThat(route.cpuNanos()).as("the child's CPU over the route").isPresent();
            assertThat(outcome.stage("read-2").result().requests()).isEqualTo(7);
            assertThat(outcome.stage("read-2").result().failures()).as("a read's success is status 200").isEqualTo(7);
            assertThat(outcome.stage("read-warm-up-1").result().requests()).isEqualTo(20);
            assertThat(printed.toString(StandardCharsets.UTF_8)).as("nothing outside the protocol").isEmpty();
            try (var left = Files.list(dir)) {
                assertThat(left).as("the spec file, which holds bearer tokens, is deleted").isEmpty();
            }
        }
    }

    /**
     * Issue 17: the child reports how many answers took over 5 and over 10 ms. A route whose every answer the server holds
     * 12 ms is over both for every answer, one held 7 ms over 5 ms for every answer: lower bounds only, no upper bound on time.
     */
    @Test
    void theChildReportsTheAnswersOverFiveAndTenMilliseconds(@TempDir Path dir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        for (String path : List.of("/held-12", "/held-7")) {
            long hold = path.equals("/held-12") ? 12 : 7;
            server.createContext(path, exchange -> {
                try {
                    Thread.sleep(hold);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
        }
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            LoadGenerator.Spec spec = new LoadGenerator.Spec(2, List.of(
                    new LoadGenerator.Stage("read-1", "held 12 ms", Duration.ofSeconds(60),
                            new LoadGenerator.Gets(List.of(get(base + "/held-12")), 9)),
                    new LoadGenerator.Stage("read-2", "held 7 ms", Duration.ofSeconds(60),
                            new LoadGenerator.Gets(List.of(get(base + "/held-7")), 11))));

            LoadGenerator.Outcome outcome = LoadGenerator.spawn(spec, dir, new Events(),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

            HttpLoad.Result twelve = outcome.stage("read-1").result();
            assertThat(twelve.requests()).isEqualTo(9);
            assertThat(twelve.over5ms()).isEqualTo(9);
            assertThat(twelve.over10ms()).isEqualTo(9);
            HttpLoad.Result seven = outcome.stage("read-2").result();
            assertThat(seven.requests()).isEqualTo(11);
            assertThat(seven.over5ms()).isEqualTo(11);
            assertThat(seven.over10ms()).isBetween(0L, 11L);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aFileThatIsNoSpecOrIsCutShortIsRefused() {
        assertThatThrownBy(() -> LoadGenerator.Spec.read(new BufferedReader(new StringReader("hello\n"))))
                .hasMessageContaining("not a load generator file");
        assertThatThrownBy(() -> LoadGenerator.Spec.read(new BufferedReader(new StringReader("invitehub-loadgen 2\nclients 1\n"))))
                .as("the format before GET stages").hasMessageContaining("not a load generator file");
        assertThatThrownBy(() -> LoadGenerator.Spec.read(new BufferedReader(new StringReader("invitehub-loadgen 3\nclients 1\n"))))
                .as("the format whose results had no counts over 5 and 10 ms").hasMessageContaining("not a load generator file");
        String cut = "invitehub-loadgen 4\nclients 1\nstages 1\nstage measured post 1000 2 x\ntarget http://127.0.0.1:1/\nA\ta@example.com\n";
        assertThatThrownBy(() -> LoadGenerator.Spec.read(new BufferedReader(new StringReader(cut))))
                .hasMessageContaining("stage measured: redemption 2 of 2 missing");
        String twoStagesOneGiven = "invitehub-loadgen 4\nclients 1\nstages 2\nstage measured post 1000 0 x\ntarget http://127.0.0.1:1/\n";
        assertThatThrownBy(() -> LoadGenerator.Spec.read(new BufferedReader(new StringReader(twoStagesOneGiven))))
                .hasMessageContaining("expected 'stage …'");
        assertThatThrownBy(() -> new LoadGenerator.Redemption("A\"B", "a@example.com")).isInstanceOf(IllegalArgumentException.class);
        URI target = URI.create("http://127.0.0.1:1/");
        assertThatThrownBy(() -> new LoadGenerator.Stage("Two Words", "x", Duration.ofSeconds(1), target, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        LoadGenerator.Stage once = new LoadGenerator.Stage("measured", "x", Duration.ofSeconds(1), target, List.of());
        assertThatThrownBy(() -> new LoadGenerator.Spec(1, List.of(once, once)))
                .hasMessageContaining("each label once");
    }

    @Test
    void theResultLineReadsBackAsTheLoadGeneratorSawIt() {
        LoadGenerator.Stage stage = new LoadGenerator.Stage("measured", "POST /public/redeem (new codes)", Duration.ofSeconds(20),
                URI.create("http://127.0.0.1:1/"), List.of());
        HttpLoad.Result seen = new HttpLoad.Result("POST /public/redeem (new codes)", 8380, 2, 419.25, Duration.ofNanos(35_610_000),
                Duration.ofNanos(67_230_000), Duration.ofNanos(99_020_000), Duration.ofNanos(255_890_000), 8_001, 7_433);
        String line = LoadGenerator.resultLine("measured", seen, 16_800_000_000L);
        assertThat(line).isEqualTo("result measured requests=8380 failures=2 per_second=419.250 p50_ns=35610000 p95_ns=67230000 "
                + "p99_ns=99020000 max_ns=255890000 over_5ms=8001 over_10ms=7433 cpu_ns=16800000000");

        LoadGenerator.Staged back = LoadGenerator.parseResult(stage, line);
        assertThat(back.result()).isEqualTo(seen);
        assertThat(back.cpuNanos()).hasValue(16_800_000_000L);

        assertThat(LoadGenerator.parseResult(stage, LoadGenerator.resultLine("measured", seen, -1)).cpuNanos())
                .as("a child whose platform does not report its CPU").isEmpty();
        assertThatThrownBy(() -> LoadGenerator.parseResult(stage, "result measured requests=1"))
                .hasMessageContaining("no failures");
        assertThatThrownBy(() -> LoadGenerator.parseResult(stage, "result measured requests=1 failures=0 per_second=1.0 p50_ns=1 p95_ns=1 "
                + "p99_ns=1 max_ns=1 cpu_ns=1")).as("a version 3 line, without the counts over 5 and 10 ms").hasMessageContaining("no over_5ms");
        assertThatThrownBy(() -> LoadGenerator.parseResult(stage, LoadGenerator.resultLine("warm-up", seen, -1)))
                .as("another stage's result").hasMessageContaining("not a load generator result of stage measured");
    }

    /** A loopback server answering redemptions: records each code in arrival order; CODE7 is refused with 409. */
    private static final class Redeemer implements AutoCloseable {
        final ConcurrentHashMap<String, String> received = new ConcurrentHashMap<>();
        final List<String> order = new CopyOnWriteArrayList<>();
        final List<String> duplicates = new CopyOnWriteArrayList<>();
        final HttpServer server;

        Redeemer() throws java.io.IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
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
                    order.add(m.group(1));
                    // the service refuses a used-up code with 409: the load generator counts it as a failure
                    status = m.group(1).equals("CODE7") ? 409 : 200;
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        URI target() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/public/redeem");
        }

        /** Where the last warm-up code arrived and where the first measured one did. */
        int lastWarm() {
            int last = -1;
            for (int i = 0; i < order.size(); i++) {
                if (order.get(i).startsWith("WARM")) {
                    last = i;
                }
            }
            return last;
        }

        int firstMeasured() {
            for (int i = 0; i < order.size(); i++) {
                if (order.get(i).startsWith("CODE")) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void theChildJvmRunsTheWarmUpFirstSendsEveryRedemptionOnceAndReportsEachStage(@TempDir Path dir) throws Exception {
        Events events = new Events();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (Redeemer server = new Redeemer()) {
            LoadGenerator.Spec spec = warmedSpec(server.target(), 10, 40);

            LoadGenerator.Outcome outcome = LoadGenerator.spawn(spec, dir, events, new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertThat(events.seen).containsExactly("started warm-up", "ended warm-up", "started measured", "ended measured");
            assertThat(server.duplicates).isEmpty();
            assertThat(server.received).hasSize(50).containsEntry("WARM0", "warm0@example.com").containsEntry("CODE39", "code39@example.com");
            assertThat(server.lastWarm()).as("every warm-up code before the first measured one").isLessThan(server.firstMeasured());
            LoadGenerator.Staged measured = outcome.stage(Bench.MEASURED);
            assertThat(measured.result().name()).isEqualTo("POST /public/redeem (test)");
            assertThat(measured.result().requests()).as("the warm-up is not in the measured figure").isEqualTo(40);
            assertThat(measured.result().failures()).isEqualTo(1);
            assertThat(measured.result().p50()).isPositive();
            assertThat(measured.result().max()).isGreaterThanOrEqualTo(measured.result().p99());
            assertThat(outcome.stage(Bench.WARM_UP).result().requests()).isEqualTo(10);
            assertThat(outcome.successes()).as("the invariants count the warm-up too").isEqualTo(49);
            assertThat(measured.cpuNanos()).as("the child's CPU over the measured stage").isPresent();
            if (ProcessCpu.system().available()) {
                long stages = outcome.stages().stream().mapToLong(st -> st.cpuNanos().orElseThrow()).sum();
                assertThat(outcome.lifetimeCpuNanos().orElseThrow()).as("its whole life holds its stages").isGreaterThanOrEqualTo(stages);
            }
            assertThat(printed.toString(StandardCharsets.UTF_8)).as("nothing outside the protocol").isEmpty();
            try (var left = Files.list(dir)) {
                assertThat(left).as("the spec file, which holds live codes, is deleted").isEmpty();
            }
        }
    }

    @Test
    void inProcessTheCpuReadingsAreTakenAroundTheMeasuredStageOnly() throws Exception {
        List<String> meterCalls = new CopyOnWriteArrayList<>();
        Events events = new Events();
        LoadGenerator.Window around = LoadGenerator.Window.around(Bench.MEASURED,
                () -> meterCalls.add("meter started after " + events.seen), () -> meterCalls.add("meter ended after " + events.seen));
        LoadGenerator.Window both = new LoadGenerator.Window() {
            @Override
            public void started(String stage) {
                around.started(stage);
                events.started(stage);
            }

            @Override
            public void ended(String stage) {
                around.ended(stage);
                events.ended(stage);
            }
        };
        try (Redeemer server = new Redeemer()) {
            LoadGenerator.Outcome outcome = LoadGenerator.inProcess(warmedSpec(server.target(), 12, 20), LoadGenerator.client(), both);

            assertThat(meterCalls).containsExactly("meter started after [started warm-up, ended warm-up]",
                    "meter ended after [started warm-up, ended warm-up, started measured]");
            assertThat(outcome.stage(Bench.MEASURED).result().requests()).isEqualTo(20);
            assertThat(outcome.stage(Bench.WARM_UP).result().requests()).isEqualTo(12);
            assertThat(server.lastWarm()).isLessThan(server.firstMeasured());
            assertThat(server.received).hasSize(32);
        }
    }

    @Test
    void requestsNobodyAnswersAreFailuresAndAMissingSpecFileIsAnError(@TempDir Path dir) throws Exception {
        // nothing listens on the discard port of loopback: every request fails, and the child says so
        CpuMeter meter = new CpuMeter(ProcessCpu.system(), OptionalLong.empty());
        LoadGenerator.Spec unreachable = new LoadGenerator.Spec(1, List.of(
                new LoadGenerator.Stage(Bench.MEASURED, "x", Duration.ofSeconds(30), URI.create("http://127.0.0.1:9/redeem"), redemptions("CODE", 2))));
        LoadGenerator.Outcome outcome = LoadGenerator.spawn(unreachable, dir,
                LoadGenerator.Window.around(Bench.MEASURED, meter::started, meter::ended),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(outcome.stage(Bench.MEASURED).result().requests()).isEqualTo(2);
        assertThat(outcome.stage(Bench.MEASURED).result().failures()).isEqualTo(2);
        assertThat(outcome.successes()).isZero();
        assertThat(meter.elapsed()).as("the meter read around the measured stage").isPositive();

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertThatThrownBy(() -> LoadGenerator.child(dir.resolve("missing.txt"), new PrintStream(printed, true, StandardCharsets.UTF_8)))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThat(printed.toString(StandardCharsets.UTF_8)).as("no started line before the spec is read").isEmpty();
    }
}

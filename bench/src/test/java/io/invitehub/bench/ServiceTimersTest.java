package io.invitehub.bench;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.TestPostgres;
import io.invitehub.adapter.out.security.BcryptPasswordHasher;
import io.invitehub.bench.dataset.DatasetSeeder;
import io.invitehub.bootstrap.InviteHub;
import io.invitehub.library.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 17's split of the read tail: the service's own HTTP timers read from its metrics page (statuses summed per
 * method and route, the 5 and 10 ms buckets, the difference of two readings), on a written page with known numbers and
 * on the real page of a real service (seeded dataset at scale 0.001, the test PostgreSQL, real HTTP, the read load in
 * its own JVM), where the service's count of each read route's answers equals the warm-up's and measured answers the
 * clients sent. No timing is asserted.
 */
class ServiceTimersTest {
    @TempDir
    Path dir;

    private static final String PAGE = """
            # HELP invitehub_http_server_requests_seconds HTTP requests by route (as declared) and status
            # TYPE invitehub_http_server_requests_seconds histogram
            invitehub_http_server_requests_seconds_bucket{application="invitehub",method="GET",route="/api/v1/distributors/me/summary",status="200",le="0.005"} 900
            invitehub_http_server_requests_seconds_bucket{application="invitehub",method="GET",route="/api/v1/distributors/me/summary",status="200",le="0.01"} 990
            invitehub_http_server_requests_seconds_bucket{application="invitehub",method="GET",route="/api/v1/distributors/me/summary",status="200",le="0.025"} 999
            invitehub_http_server_requests_seconds_bucket{application="invitehub",method="GET",route="/api/v1/distributors/me/summary",status="200",le="+Inf"} 1000
            invitehub_http_server_requests_seconds_count{application="invitehub",method="GET",route="/api/v1/distributors/me/summary",status="200"} 1000
            invitehub_http_server_requests_seconds_sum{application="invitehub",method="GET",route="/api/v1/distributors/me/summary",status="200"} 3.5
            invitehub_http_server_requests_seconds_bucket{application="invitehub",method="GET",route="/api/v1/distributors/me/summary",status="401",le="0.005"} 4
            invitehub_http_server_requests_seconds_bucket{application="invitehub",method="GET",route="/api/v1/distributors/me/summary",status="401",le="0.01"} 5
            invitehub_http_server_requests_seconds_bucket{application="invitehub",method="GET",route="/api/v1/distributors/me/summary",status="401",le="+Inf"} 5
            invitehub_http_server_requests_seconds_count{application="invitehub",method="GET",route="/api/v1/distributors/me/summary",status="401"} 5
            invitehub_http_server_requests_seconds_bucket{application="invitehub",method="POST",route="/api/v1/public/redeem",status="200",le="0.005"} 1.0
            invitehub_http_server_requests_seconds_bucket{application="invitehub",method="POST",route="/api/v1/public/redeem",status="200",le="0.01"} 2.0
            invitehub_http_server_requests_seconds_count{application="invitehub",method="POST",route="/api/v1/public/redeem",status="200"} 7.0
            invitehub_http_server_requests_seconds_bucket{application="invitehub",method="GET",route="/odd \\"quoted\\", route",status="200",le="0.005"} 1
            invitehub_http_server_requests_seconds_count{application="invitehub",method="GET",route="/odd \\"quoted\\", route",status="200"} 3
            invitehub_http_server_requests_seconds_max{application="invitehub",method="GET",route="/api/v1/distributors/me/summary",status="200"} 0.04
            invitehub_provider_calls_seconds_count{application="invitehub",operation="invite",outcome="ok"} 12
            """;

    @Test
    void statusesAreSummedPerMethodAndRouteAndTheFiveAndTenMillisecondBucketsRead() {
        Map<String, ServiceTimers.Counts> timers = ServiceTimers.parse(PAGE);

        assertThat(timers).containsOnlyKeys("GET /api/v1/distributors/me/summary", "POST /api/v1/public/redeem", "GET /odd \"quoted\", route");
        ServiceTimers.Counts summary = timers.get("GET /api/v1/distributors/me/summary");
        assertThat(summary).isEqualTo(new ServiceTimers.Counts(1005, 904, 995));
        assertThat(summary.over5ms()).isEqualTo(101);
        assertThat(summary.over10ms()).isEqualTo(10);
        assertThat(timers.get("POST /api/v1/public/redeem")).as("values written as decimals").isEqualTo(new ServiceTimers.Counts(7, 1, 2));
        assertThat(timers.get("GET /odd \"quoted\", route")).as("an escaped label value").isEqualTo(new ServiceTimers.Counts(3, 1, 0));
        assertThat(ServiceTimers.parse("# nothing timed yet\n")).isEmpty();
    }

    @Test
    void theDifferenceOfTwoReadingsIsWhatWasAnsweredBetweenThem() {
        Map<String, ServiceTimers.Counts> before = ServiceTimers.parse(PAGE);
        String later = PAGE.replace("status=\"200\",le=\"0.005\"} 900", "status=\"200\",le=\"0.005\"} 1900")
                .replace("status=\"200\",le=\"0.01\"} 990", "status=\"200\",le=\"0.01\"} 2950")
                .replace("route=\"/api/v1/distributors/me/summary\",status=\"200\"} 1000", "route=\"/api/v1/distributors/me/summary\",status=\"200\"} 3000")
                + "invitehub_http_server_requests_seconds_bucket{application=\"invitehub\",method=\"GET\",route=\"/api/v1/distributors/me/codes\",status=\"200\",le=\"0.005\"} 8\n"
                + "invitehub_http_server_requests_seconds_bucket{application=\"invitehub\",method=\"GET\",route=\"/api/v1/distributors/me/codes\",status=\"200\",le=\"0.01\"} 9\n"
                + "invitehub_http_server_requests_seconds_count{application=\"invitehub\",method=\"GET\",route=\"/api/v1/distributors/me/codes\",status=\"200\"} 10\n";

        Map<String, ServiceTimers.Counts> between = ServiceTimers.since(before, ServiceTimers.parse(later));

        ServiceTimers.Counts summary = between.get("GET /api/v1/distributors/me/summary");
        assertThat(summary).isEqualTo(new ServiceTimers.Counts(2000, 1000, 1960));
        assertThat(summary.over5ms()).isEqualTo(1000);
        assertThat(summary.over10ms()).isEqualTo(40);
        assertThat(between.get("GET /api/v1/distributors/me/codes")).as("a route first timed between the readings")
                .isEqualTo(new ServiceTimers.Counts(10, 8, 9));
        assertThat(between.get("POST /api/v1/public/redeem")).isEqualTo(ServiceTimers.Counts.NONE);
    }

    @Test
    void aTimerSeriesTheBenchCannotReadIsRefused() {
        assertThatThrownBy(() -> ServiceTimers.parse("invitehub_http_server_requests_seconds_count{route=\"/a\",status=\"200\"} 3\n"))
                .hasMessageContaining("without method or route");
        assertThatThrownBy(() -> ServiceTimers.parse("invitehub_http_server_requests_seconds_count{method=\"GET\",route=\"/a\"} many\n"))
                .hasMessageContaining("no number");
        assertThatThrownBy(() -> ServiceTimers.parse("invitehub_http_server_requests_seconds_bucket{method=\"GET\",route=\"/a} 3\n"))
                .hasMessageContaining("unterminated");
        assertThatThrownBy(() -> ServiceTimers.parse("invitehub_http_server_requests_seconds_bucket{method=\"GET\",route=\"/a\"} 3\n"))
                .hasMessageContaining("without le");
    }

    @Test
    void theMeasuredLineSaysHowManyOfTheFirstRoutesAnswersCameBeforeThePageWasRead() {
        ServiceTimers.Counts timed = new ServiceTimers.Counts(19_997, 19_900, 19_990);
        assertThat(ServiceTimers.measuredLine("GET /a", timed, 20_000, 150, 12, List.of("largest a", "tiny a")))
                .isEqualTo("service-side vs client-side, GET /a: service timed 19,997 of the measured answers (warm-up excluded; 3 answered "
                        + "before the page was read after it), 97 (0.49 %) over 5 ms, 7 (0.04 %) over 10 ms; clients measured 20,000 "
                        + "(largest a, tiny a), 150 (0.75 %) over 5 ms, 12 (0.06 %) over 10 ms");
        assertThat(ServiceTimers.measuredLine("GET /a", timed, 19_997, 150, 12, List.of("a"))).contains("19,997 of the measured answers (warm-up excluded), ");
        assertThat(ServiceTimers.measuredLine("GET /a", timed, 19_990, 150, 12, List.of("a"))).contains("(7 more than the clients measured");
    }

    @Test
    void theLinesSayWhoseCountsTheyAreAndThatTheServicesHoldTheWarmUp() {
        assertThat(ServiceTimers.line("GET /api/v1/distributors/me/summary", new ServiceTimers.Counts(24_000, 23_760, 23_976), 20_000, 600, 100,
                List.of("largest /me/summary", "tiny /me/summary")))
                .isEqualTo("service-side vs client-side, GET /api/v1/distributors/me/summary: service timed 24,000 answers (warm-up included: "
                        + "its counts over are an upper bound), 240 (1.00 %) over 5 ms, 24 (0.10 %) over 10 ms; clients measured 20,000 "
                        + "(largest /me/summary, tiny /me/summary), 600 (3.00 %) over 5 ms, 100 (0.50 %) over 10 ms");
        assertThat(ServiceTimers.totalLine(new ServiceTimers.Counts(100, 90, 99), 100, 20, 2))
                .isEqualTo("service-side vs client-side, every read route, warm-up and measured answers alike: service timed 100 answers, "
                        + "10 (10.00 %) over 5 ms, 1 (1.00 %) over 10 ms; clients saw 100, 20 (20.00 %) over 5 ms, 2 (2.00 %) over 10 ms");
        assertThat(ServiceTimers.totalLine(new ServiceTimers.Counts(101, 90, 99), 100, 20, 2)).endsWith("(the counts differ: another request "
                + "reached these routes, or one went unanswered)");
    }

    private static HttpResponse<String> get(HttpClient client, String target, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(target)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRealPageOfARealServiceCountsEveryReadAnswerTheClientsSent() throws Exception {
        PersistenceSettings database = TestPostgres.freshDatabase();
        DatasetSeeder.Dataset dataset = DatasetSeeder.seed(database, 0.001, new BcryptPasswordHasher().hash(Bench.PASSWORD.toCharArray()));
        Map<String, String> env = new HashMap<>(Map.of("INVITEHUB_DATA_DIR", dir.resolve("data").toString(), "INVITEHUB_HTTP_PORT", "0",
                "INVITEHUB_DEMO", "false", "INVITEHUB_LIFECYCLE_INTERVAL", "6h", "INVITEHUB_SIM_MAX_LATENCY", "0ms",
                "INVITEHUB_SECRETS_KEY", Base64.getEncoder().encodeToString("invitehub-test-secrets-key-32-by".getBytes(StandardCharsets.US_ASCII))));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Bench bench = new Bench(Bench.BenchOptions.parse(new String[] {"--read-clients", "2", "--read-warmup", "8", "--read-samples", "10"}),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (InviteHub hub = InviteHub.builder(Settings.from(env)).persistence(database).start()) {
            HttpClient client = LoadGenerator.client();
            String url = "http://127.0.0.1:" + hub.httpPort().orElseThrow();
            List<Bench.ReadRoute> routes = new ArrayList<>(bench.readRoutes(client, url, dataset.largest(), "largest"));
            routes.addAll(bench.readRoutes(client, url, dataset.tiny(), "tiny"));
            ServiceTimers.Page page = bench.staffMetricsPage(hub, client, url);
            assertThat(page).as(printed.toString(StandardCharsets.UTF_8)).isNotNull();

            // the real page: three summaries between two readings are three answers of that route, timed in its buckets
            String text = page.read();
            assertThat(text).contains("invitehub_http_server_requests_seconds_bucket{").contains("le=\"0.005\"").contains("le=\"0.01\"");
            Map<String, ServiceTimers.Counts> before = ServiceTimers.parse(text);
            assertThat(before).as("the read routes' probes are on the page").containsKey("GET /api/v1/distributors/me/summary");
            Bench.ReadRoute summary = routes.get(0);
            assertThat(summary.name()).isEqualTo("largest /me/summary");
            String token = summary.get().headers().get("Authorization").substring("Bearer ".length());
            for (int i = 0; i < 3; i++) {
                assertThat(get(client, summary.get().target().toString(), token).statusCode()).isEqualTo(200);
            }
            ServiceTimers.Counts three = ServiceTimers.since(before, ServiceTimers.parse(page.read())).get(ServiceTimers.label(summary.get().target()));
            assertThat(three.answers()).isEqualTo(3);
            assertThat(three.within5ms()).isBetween(0L, 3L);
            assertThat(three.within10ms()).isBetween(three.within5ms(), 3L);

            // the reads as the bench runs them: the service counted each route's warm-up and measured answers, no more, no fewer
            List<String> rows = bench.reads(client, routes, dir.resolve("loadgen"), null, page);
            String out = printed.toString(StandardCharsets.UTF_8);

            List<Bench.ReadRoute> live = routes.stream().filter(r -> r.get() != null).toList();
            assertThat(live).as(out).hasSizeGreaterThanOrEqualTo(5);
            Map<String, List<String>> byLabel = new LinkedHashMap<>();
            live.forEach(r -> byLabel.computeIfAbsent(ServiceTimers.label(r.get().target()), k -> new ArrayList<>()).add(r.name()));
            List<String> lines = rows.stream().filter(r -> r.startsWith("service-side vs client-side")).toList();
            assertThat(lines).as(out).hasSize(byLabel.size() + 1);
            int at = 0;
            java.util.regex.Pattern timed = java.util.regex.Pattern.compile(": service timed (\\d+) of the measured answers \\(warm-up excluded(; (\\d+) "
                    + "answered before the page was read after it)?\\), ");
            for (Map.Entry<String, List<String>> label : byLabel.entrySet()) {
                int routesOfLabel = label.getValue().size();
                String line = lines.get(at++);
                assertThat(line).as(out).startsWith("service-side vs client-side, " + label.getKey() + ": service timed ")
                        .contains("; clients measured " + (routesOfLabel * 10) + " (" + String.join(", ", label.getValue()) + "), ");
                java.util.regex.Matcher m = timed.matcher(line);
                assertThat(m.find()).as(line).isTrue();
                long early = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
                assertThat(Long.parseLong(m.group(1)) + early).as(line).isEqualTo(routesOfLabel * 10L);
                if (at > 1) {
                    // the page is read after the warm-up as the first measured route starts: only its answers can fall before
                    assertThat(early).as(line).isZero();
                }
                assertThat(out).contains(line);
            }
            assertThat(lines.get(lines.size() - 1)).as(out)
                    .startsWith("service-side vs client-side, every read route, warm-up and measured answers alike: service timed "
                            + (live.size() * 18) + " answers, ")
                    .contains("; clients saw " + (live.size() * 18) + ", ")
                    .doesNotContain("the counts differ");
            assertThat(out).doesNotContain("service-side timers: not read");
        }
    }
}

package io.invitehub.bootstrap;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics of a running service over real HTTP and PostgreSQL (ADR 39): staff only at {@code /metrics};
 * what they count equals what the database holds; request ids and the one INFO line per request.
 */
class MetricsHttpTest {
    private static ReadSideWorld w;

    @BeforeAll
    static void start() throws Exception {
        w = new ReadSideWorld();
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    @Test
    void theMetricsPageIsRefusedToAnyoneButStaff() throws Exception {
        assertThat(w.get("/metrics", null).statusCode()).isEqualTo(401);
        assertThat(w.get("/metrics", w.a).statusCode()).as("a distributor").isEqualTo(403);
        assertThat(w.get("/metrics", w.pending).statusCode()).isEqualTo(403);
        assertThat(w.get("/metrics", "Bearer not-a-token").statusCode()).isEqualTo(401);
        HttpResponse<String> operator = w.get("/metrics", w.operator);
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(operator.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(w.get("/metrics", w.admin).statusCode()).isEqualTo(200);
    }

    @Test
    void theFiguresAreTheDatabasesAndTheCountersCountWhatHappened() throws Exception {
        // a refused and an accepted redemption, a refused payment notification, one dispatch pass through the provider
        String bound = w.sql.text("select code from redeem_codes where id = " + w.bCodes.get(0));
        assertThat(w.send("POST", "/api/v1/public/redeem", null, "{\"code\":\"" + bound + "\",\"email\":\"nobody@example.com\"}")
                .statusCode()).isEqualTo(409);
        w.send("GET", "/api/v1/public/shop/notify?out_trade_no=x&sign=y", null, null);
        w.hub.dispatcher().dispatchBatch();

        String page = w.get("/metrics", w.admin).body();

        for (String state : List.of("WAITING", "RESERVED", "INVITED", "JOINED", "REMOVED")) {
            assertThat(value(page, "invitehub_invitations", "state=\"" + state + "\"")).as("invitations " + state)
                    .isEqualTo(w.sql.count("select count(*) from invitations where state = '" + state + "'"));
        }
        assertThat(value(page, "invitehub_queue_length", "queue=\"dispatch\""))
                .isEqualTo(w.sql.count("select count(*) from invitations where state = 'RESERVED'"));
        assertThat(value(page, "invitehub_queue_length", "queue=\"fulfilment\"")).isZero();
        assertThat(page).contains("invitehub_queue_oldest_due_age_seconds{");
        assertThat(value(page, "invitehub_redemptions_total", "outcome=\"RESERVED\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(page, "invitehub_redemptions_total", "outcome=\"EMAIL_MISMATCH\"")).isEqualTo(1);
        assertThat(value(page, "invitehub_payment_notifies_total", "verdict=\"REFUSED\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(page, "invitehub_provider_calls_seconds_count", "operation=\"invite\",outcome=\"ok\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(page, "invitehub_http_server_requests_seconds_count",
                "method=\"POST\",route=\"/api/v1/public/redeem\",status=\"200\"")).isGreaterThanOrEqualTo(7);
        assertThat(page).as("latency buckets for p95/p99").contains("invitehub_http_server_requests_seconds_bucket{");
        assertThat(page).as("routes as declared, never a raw path with ids")
                .contains("route=\"/api/v1/admins/distributors/{id}/suspend\"").doesNotContain("route=\"/api/v1/admins/distributors/" + w.spareId);
        assertThat(value(page, "invitehub_db_pool_connections", "state=\"total\"")).isPositive();
        assertThat(page).contains("invitehub_job_leases_held{").contains("jvm_memory_used_bytes{").contains("jvm_threads_live_threads")
                .contains("process_uptime_seconds");
    }

    /** The timers cover every route the server installs: the staff console's, the reference dialect's, the console pages. */
    @Test
    void staffRoutesTheReferenceDialectAndTheConsoleAreTimedByTheirDeclaredRoutes() throws Exception {
        assertThat(w.get("/api/v1/admin/audit-log", w.admin).statusCode()).isEqualTo(200);
        assertThat(w.get("/api/v1/admin/accounts", w.operator).statusCode()).isEqualTo(403);
        assertThat(w.get("/reference/api/v1/setup/version", null).statusCode()).isEqualTo(200);
        assertThat(w.get("/reference/api/v1/redeem-codes/" + w.aCodes.get(0) + "/records", w.a).statusCode()).isEqualTo(200);
        assertThat(w.get("/console/codes", null).statusCode()).isEqualTo(200);

        String page = w.get("/metrics", w.admin).body();

        assertThat(value(page, "invitehub_http_server_requests_seconds_count",
                "method=\"GET\",route=\"/api/v1/admin/audit-log\",status=\"200\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(page, "invitehub_http_server_requests_seconds_count",
                "method=\"GET\",route=\"/api/v1/admin/accounts\",status=\"403\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(page, "invitehub_http_server_requests_seconds_count",
                "method=\"GET\",route=\"/reference/api/v1/setup/version\",status=\"200\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(page, "invitehub_http_server_requests_seconds_count",
                "method=\"GET\",route=\"/reference/api/v1/redeem-codes/{id}/records\",status=\"200\"")).isGreaterThanOrEqualTo(1);
        assertThat(page).as("the reference's ids stay out of the labels too")
                .doesNotContain("route=\"/reference/api/v1/redeem-codes/" + w.aCodes.get(0));
        assertThat(value(page, "invitehub_http_server_requests_seconds_count",
                "method=\"GET\",route=\"/console/<page>\",status=\"200\"")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theSampleDashboardAndTheAlertsUseOnlyMetricsTheServiceHas() throws Exception {
        w.send("GET", "/api/v1/public/shop/notify?out_trade_no=x&sign=y", null, null);
        w.hub.dispatcher().dispatchBatch();
        String page = w.get("/metrics", w.admin).body();
        java.util.Set<String> exposed = new java.util.TreeSet<>();
        Matcher series = Pattern.compile("(?m)^([a-z_]+)\\{").matcher(page);
        while (series.find()) {
            exposed.add(series.group(1));
        }
        for (String doc : List.of("../docs/grafana/invitehub-dashboard.json", "../docs/operations.md")) {
            String text = java.nio.file.Files.readString(java.nio.file.Path.of(doc));
            Matcher used = Pattern.compile("\\b((?:invitehub|jvm)_[a-z_]+)").matcher(text);
            int names = 0;
            while (used.find()) {
                String name = used.group(1);
                if (name.equals("invitehub_dashboard")) {
                    continue;
                }
                names++;
                boolean known = exposed.contains(name) || exposed.contains(name + "_bucket") || exposed.contains(name + "_count");
                assertThat(known).as(doc + " names " + name).isTrue();
            }
            assertThat(names).as(doc).isGreaterThan(5);
        }
    }

    @Test
    void everyAnswerNamesItsRequestAndEachRequestLogsOneInfoLine() throws Exception {
        Logger requests = (Logger) LoggerFactory.getLogger("io.invitehub.http.requests");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        requests.addAppender(seen);
        try {
            HttpResponse<String> given = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(w.base + "/api/v1/public/seats"))
                    .header("X-Request-Id", "trace-4711").GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> made = w.get("/api/v1/public/seats", null);
            HttpResponse<String> hostile = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(w.base + "/api/v1/public/seats"))
                    .header("X-Request-Id", "a b<script>").GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(given.headers().firstValue("X-Request-Id")).hasValue("trace-4711");
            String generated = made.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(generated).matches("[0-9a-f-]{36}");
            assertThat(hostile.headers().firstValue("X-Request-Id").orElseThrow()).as("not echoed").matches("[0-9a-f-]{36}");

            List<ILoggingEvent> lines = seen.list.stream().filter(e -> e.getFormattedMessage().contains("/api/v1/public/seats"))
                    .collect(Collectors.toList());
            assertThat(lines).hasSize(3).allMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.INFO);
            assertThat(lines.get(0).getMDCPropertyMap()).containsEntry("request_id", "trace-4711");
            assertThat(lines.get(1).getMDCPropertyMap()).containsEntry("request_id", generated);
            assertThat(lines.get(0).getFormattedMessage()).matches("GET /api/v1/public/seats 200 \\d+ ms");

            seen.list.clear();
            w.get("/ready", null);
            assertThat(seen.list).as("probes log at DEBUG only").noneMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.INFO);
        } finally {
            requests.detachAppender(seen);
        }
    }

    @Test
    void onAPortOfTheirOwnTheMetricsNeedNoSignInAndLeaveTheApi() throws Exception {
        try (InviteHub separate = InviteHub.builder(TestHubs.settings(Map.of("INVITEHUB_METRICS_PORT", "0")))
                .persistence(TestHubs.freshDatabase()).workers(false).start()) {
            int port = separate.metricsPort().orElseThrow();
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("invitehub_invitations{");
            assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/other")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            HttpResponse<String> onTheApi = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + separate.httpPort().orElseThrow() + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(onTheApi.statusCode()).as("not served on the API port then").isEqualTo(404);
            assertThat(separate.httpRoutes()).noneMatch(r -> r.path().equals("/metrics"));
        }
        try (InviteHub off = InviteHub.builder(TestHubs.settings(Map.of("INVITEHUB_METRICS", "false")))
                .persistence(TestHubs.freshDatabase()).workers(false).start()) {
            assertThat(off.metrics()).isEmpty();
            assertThat(off.httpRoutes()).noneMatch(r -> r.path().equals("/metrics"));
        }
    }

    /** The value of the series {@code name{…labels…}} (labels in the order Prometheus writes them; the application tag is skipped). */
    static long value(String page, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{application=\"invitehub\"," + Pattern.quote(labels) + "[,}][^ ]* ([0-9.E+-]+)$")
                .matcher(page);
        if (!m.find()) {
            return 0;
        }
        return Math.round(Double.parseDouble(m.group(1)));
    }
}

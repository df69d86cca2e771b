package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.invitehub.bootstrap.ReadSideWorld.json;
import static io.invitehub.bootstrap.ReadSideWorld.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payment alerts marked handled (issue 14, V54) on real PostgreSQL over real HTTP: real alerts from the sandbox
 * gateway (an order paid, then paid again with other trades: PAID_TWICE, money to refund), the refusals that change
 * nothing, two staff marking the same alert at the same moment from two threads (exactly one wins, the other gets
 * 409 PAYMENT_ALERT_ALREADY_HANDLED), the open/handled/all lists and the overview's count of open alerts.
 */
class PaymentAlertHandlingHttpTest {
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final int ALERTS = 6;
    private static ReadSideWorld w;
    /** Alert ids, oldest first. */
    private static final List<Long> ids = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        w = new ReadSideWorld();
        String payUrl = json(ok(w.get("/api/v1/distributors/me/code-orders/" + w.aOrder, w.a), 200)).get("pay_url").asText();
        // each view of the sandbox's pay page is another trade of the same order: the first pays it, the others alert
        List<String> payments = new ArrayList<>();
        for (int i = 0; i <= ALERTS; i++) {
            payments.add(form(payPage(payUrl)));
        }
        for (String payment : payments) {
            assertThat(notify(payment)).isEqualTo("success");
        }
        ids.addAll(w.sql.texts("select id from payment_alerts where kind = 'PAID_TWICE' and order_no = '" + w.aOrder + "' order by id")
                .stream().map(Long::valueOf).collect(Collectors.toList()));
        assertThat(ids).hasSize(ALERTS);
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    @Test
    void badRequestsAreRefusedAndChangeNothingThenTwoStaffAtOnceHandleEachAlertExactlyOnce() throws Exception {
        long open = openCount();
        long audited = w.sql.count("select count(*) from audit_log");
        long handledBefore = w.sql.count("select count(*) from payment_alerts where handled_at is not null");
        long first = ids.get(0);
        String path = "/api/v1/admin/payment-alerts/" + first + "/handled";

        assertThat(problem(w.send("POST", path, w.admin, "{}"), 400).get("field").asText()).isEqualTo("note");
        assertThat(problem(w.send("POST", path, w.admin, "{\"note\":\"   \"}"), 400).get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem(w.send("POST", path, w.admin, "{\"note\":\"" + "x".repeat(501) + "\"}"), 400).get("field").asText()).isEqualTo("note");
        assertThat(problem(w.send("POST", path, w.admin, "{\"note\":\"ok\",\"extra\":1}"), 400).get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem(w.send("POST", "/api/v1/admin/payment-alerts/0/handled", w.admin, "{\"note\":\"ok\"}"), 400).get("code").asText())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(problem(w.send("POST", "/api/v1/admin/payment-alerts/999999/handled", w.admin, "{\"note\":\"ok\"}"), 404).get("code").asText())
                .isEqualTo("NOT_FOUND");
        assertThat(problem(w.send("POST", path, w.a, "{\"note\":\"ok\"}"), 403).get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(w.sql.count("select count(*) from payment_alerts where handled_at is not null")).isEqualTo(handledBefore);
        assertThat(w.sql.count("select count(*) from audit_log")).isEqualTo(audited);
        assertThat(openCount()).isEqualTo(open);

        // two staff, two threads, the same alert at the same moment: one 200, one 409 naming the winner's note
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (long id : ids.subList(0, 4)) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (String[] staff : new String[][] {{w.admin, "admin"}, {w.operator, "operator"}}) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return w.send("POST", "/api/v1/admin/payment-alerts/" + id + "/handled", staff[0],
                                "{\"note\":\"refunded via Alipay by " + staff[1] + "\"}");
                    }));
                }
                go.countDown();
                List<HttpResponse<String>> done = new ArrayList<>();
                for (Future<HttpResponse<String>> f : answers) {
                    done.add(f.get());
                }
                assertThat(done).extracting(HttpResponse::statusCode).as("alert " + id).containsExactlyInAnyOrder(200, 409);
                HttpResponse<String> won = done.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
                HttpResponse<String> lost = done.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
                JsonNode handled = json(won);
                String winner = handled.get("handled_by_username").asText();
                assertThat(handled.get("state").asText()).isEqualTo("HANDLED");
                assertThat(handled.get("handled_note").asText()).isEqualTo("refunded via Alipay by " + winner);
                assertThat(handled.get("kind").asText()).isEqualTo("PAID_TWICE");
                JsonNode refused = json(lost);
                assertThat(refused.get("code").asText()).isEqualTo("PAYMENT_ALERT_ALREADY_HANDLED");
                assertThat(refused.get("detail").asText()).contains("refunded via Alipay by " + winner).contains(winner);
                assertThat(w.sql.texts("select handled_note from payment_alerts where id = " + id))
                        .containsExactly("refunded via Alipay by " + winner);
                assertThat(w.sql.count("select count(*) from audit_log where action = 'PAYMENT_ALERT_HANDLED' and target_id = '" + id + "'"))
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(openCount()).isEqualTo(open - 4);

        // a second call later is the same clear 409, and the first handling stays as it was
        String note = w.sql.texts("select handled_note from payment_alerts where id = " + first).get(0);
        JsonNode again = problem(w.send("POST", path, w.admin, "{\"note\":\"twice\"}"), 409);
        assertThat(again.get("code").asText()).isEqualTo("PAYMENT_ALERT_ALREADY_HANDLED");
        assertThat(again.get("detail").asText()).contains(note).contains("nothing changed");
        assertThat(w.sql.texts("select handled_note from payment_alerts where id = " + first)).containsExactly(note);
        assertThat(w.sql.count("select count(*) from payment_alerts")).as("an alert is never deleted").isEqualTo(ALERTS);
    }

    @Test
    void theListsFilterByStateAndTheOverviewCountsOnlyOpenAlerts() throws Exception {
        long last = ids.get(ALERTS - 1);
        long before = openCount();
        assertThat(before).isEqualTo(w.sql.count("select count(*) from payment_alerts where handled_at is null"));
        JsonNode handled = json(ok(w.send("POST", "/api/v1/admin/payment-alerts/" + last + "/handled", w.operator,
                "{\"note\":\"  refunded via Alipay #123\\nby phone  \"}"), 200));
        assertThat(handled.get("handled_note").asText()).isEqualTo("refunded via Alipay #123\nby phone");
        assertThat(handled.get("handled_by").asLong()).isEqualTo(w.sql.count("select id from users where username = 'operator'"));
        assertThat(handled.get("handled_at").asText()).isNotEmpty();
        assertThat(openCount()).isEqualTo(before - 1);

        List<Long> open = ids(w.get("/api/v1/admin/payment-alerts", w.admin));
        List<Long> explicit = ids(w.get("/api/v1/admin/payment-alerts?state=open", w.operator));
        List<Long> done = ids(w.get("/api/v1/admin/payment-alerts?state=handled", w.admin));
        List<Long> all = ids(w.get("/api/v1/admin/payment-alerts?state=ALL", w.admin));
        assertThat(open).as("open by default").isEqualTo(explicit).doesNotContain(last)
                .containsExactlyElementsOf(w.sql.texts("select id from payment_alerts where handled_at is null order by id desc")
                        .stream().map(Long::valueOf).collect(Collectors.toList()));
        assertThat(done).contains(last).doesNotContainAnyElementsOf(open);
        assertThat(all).hasSize(ALERTS).containsAll(open).containsAll(done);
        JsonNode first = json(w.get("/api/v1/admin/payment-alerts?state=handled", w.admin)).get("items").get(0);
        assertThat(first.get("state").asText()).isEqualTo("HANDLED");
        JsonNode anOpen = json(w.get("/api/v1/admin/payment-alerts?state=all", w.admin)).get("items").findParents("state").stream()
                .filter(n -> n.get("state").asText().equals("OPEN")).findFirst().orElseThrow();
        assertThat(anOpen.get("handled_at").isNull()).isTrue();

        // keyset pages under the filter: one by one, every open alert once
        List<Long> paged = new ArrayList<>();
        String cursor = "";
        while (cursor != null) {
            JsonNode page = json(ok(w.get("/api/v1/admin/payment-alerts?state=open&limit=1&cursor=" + cursor, w.admin), 200));
            page.get("items").forEach(i -> paged.add(i.get("id").asLong()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        }
        assertThat(paged).isEqualTo(open);

        assertThat(problem(w.get("/api/v1/admin/payment-alerts?state=closed", w.admin), 400).get("field").asText()).isEqualTo("state");
        assertThat(w.get("/api/v1/admin/payment-alerts?state=all", w.a).statusCode()).isEqualTo(403);
        JsonNode alerts = json(ok(w.get("/api/v1/admin/alerts", w.admin), 200));
        assertThat(alerts.get("payment_alerts").asLong()).isEqualTo(open.size());
    }

    private static long openCount() throws Exception {
        return json(ok(w.get("/api/v1/admin/alerts", w.admin), 200)).get("payment_alerts").asLong();
    }

    private static List<Long> ids(HttpResponse<String> response) throws Exception {
        List<Long> out = new ArrayList<>();
        json(ok(response, 200)).get("items").forEach(i -> out.add(i.get("id").asLong()));
        return out;
    }

    private static JsonNode problem(HttpResponse<String> response, int status) throws Exception {
        ok(response, status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        return json(response);
    }

    private static Map<String, String> payPage(String payUrl) throws Exception {
        HttpResponse<String> page = CLIENT.send(HttpRequest.newBuilder(URI.create(payUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&amp;", "&").replace("&quot;", "\""));
        }
        return fields;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String notify(String form) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(w.base + "/api/v1/public/shop/notify"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}

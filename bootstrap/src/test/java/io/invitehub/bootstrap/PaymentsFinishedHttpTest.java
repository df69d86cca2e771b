package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.invitehub.bootstrap.ReadSideWorld.json;
import static io.invitehub.bootstrap.ReadSideWorld.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Payments finished (issue 16), end to end on real PostgreSQL over real HTTP with the sandbox gateway: a payment
 * whose notification is lost is found by the order-query fallback once the buyer came back; the buyer cancels a
 * PENDING order and a late notification for it is refused and alerted, never fulfilled; a cancellation of an order
 * the gateway reports paid is refused and the order is paid instead; staff refund a paid order (unused codes
 * disabled, the used one kept, one informative PURCHASE_REFUNDED in the settlement ledger, in the refund's transaction: a
 * refund that rolls back leaves none; the fulfilment fenced off).
 */
class PaymentsFinishedHttpTest {
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static InviteHub hub;
    private static Sql sql;
    private static String base;
    private static String admin;
    private static String a;
    private static String b;
    private static long planId;

    @BeforeAll
    static void start() throws Exception {
        PersistenceSettings db = TestHubs.freshDatabase();
        sql = new Sql(db);
        hub = InviteHub.builder(TestHubs.settings(Map.of("INVITEHUB_FULFILMENT_BATCH", "2", "INVITEHUB_SIM_ACCEPT_DELAY", "1h",
                        "INVITEHUB_ORDER_QUERY_INTERVAL", "100ms", "INVITEHUB_ORDER_QUERY_AFTER_RETURN", "0s",
                        "INVITEHUB_ORDER_QUERY_BACKOFF", "200ms", "INVITEHUB_DATA_DIR",
                        java.nio.file.Files.createTempDirectory("payments-test").toString())))
                .persistence(db).start();
        hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        base = "http://127.0.0.1:" + hub.httpPort().orElseThrow();
        admin = login("admin", "admin-password");
        ok(send("POST", "/api/v1/admin/teams", admin, "{\"name\":\"Pay Team\",\"provider_account_id\":\"acct-pay\",\"max_seats\":50}"), 201);
        ok(send("POST", "/api/v1/admins/distributors/create", admin,
                "{\"username\":\"pay-a\",\"email\":\"pay-a@example.com\",\"password\":\"pay-a-pw\"}"), 201);
        ok(send("POST", "/api/v1/admins/distributors/create", admin,
                "{\"username\":\"pay-b\",\"email\":\"pay-b@example.com\",\"password\":\"pay-b-pw\"}"), 201);
        a = login("pay-a", "pay-a-pw");
        b = login("pay-b", "pay-b-pw");
        planId = json(ok(send("POST", "/api/v1/admin/code-plans", admin, "{\"name\":\"Four pack\",\"price\":\"4.00\","
                + "\"code_count\":4,\"code_max_uses\":1,\"validity_days\":30,\"sort_order\":1}"), 201)).get("id").asLong();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void aPaymentWhoseNotificationIsLostIsFoundByTheOrderQueryOnceTheBuyerCameBack() throws Exception {
        JsonNode order = order(a);
        String orderNo = order.get("order_no").asText();
        Map<String, String> notification = payPage(order.get("pay_url").asText());
        assertThat(sandboxPay(notification, "no")).isEqualTo("not sent");
        Thread.sleep(500);
        assertThat(status(orderNo)).as("no notification, no return: nothing asks the gateway yet").isEqualTo("PENDING");

        HttpResponse<String> back = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/public/shop/return?" + form(notification)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(back.statusCode()).isEqualTo(200);
        JsonNode done = awaitFulfilment(orderNo, a);
        assertThat(done.get("status").asText()).isEqualTo("PAID");
        assertThat(done.get("fulfillment_status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("delivered_count").asInt()).isEqualTo(4);
        assertThat(sql.text("select details from audit_log where action = 'ORDER_PAID' and target_id = '" + orderNo + "'"))
                .contains("learnt from order query").contains("trade_no=" + notification.get("trade_no"));
        assertThat(sql.count("select query_attempts from orders where order_no = '" + orderNo + "'")).isGreaterThanOrEqualTo(1);

        // the notification arrives late after all: the same trade, nothing more happens
        assertThat(notify(form(notification))).isEqualTo("success");
        assertThat(sql.count("select count(*) from audit_log where action = 'ORDER_PAID' and target_id = '" + orderNo + "'")).isEqualTo(1);
        assertThat(sql.count("select count(*) from redeem_codes c join orders o on o.id = c.order_id where o.order_no = '" + orderNo + "'"))
                .isEqualTo(4);
    }

    @Test
    void theBuyerCancelsAPendingOrderAndALateNotificationIsAlertedNeverFulfilled() throws Exception {
        JsonNode order = order(a);
        String orderNo = order.get("order_no").asText();
        Map<String, String> notification = payPage(order.get("pay_url").asText());

        assertThat(send("POST", "/api/v1/distributors/me/code-orders/" + orderNo + "/cancel", b, null).statusCode())
                .as("another distributor's order is hidden").isEqualTo(404);
        JsonNode cancelled = json(ok(send("POST", "/api/v1/distributors/me/code-orders/" + orderNo + "/cancel", a, null), 200));
        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
        HttpResponse<String> again = send("POST", "/api/v1/distributors/me/code-orders/" + orderNo + "/cancel", a, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("code").asText()).isEqualTo("ORDER_NOT_CANCELLABLE");
        assertThat(json(ok(send("GET", "/api/v1/distributors/me/code-orders/" + orderNo, a, null), 200)).get("pay_url").isNull()).isTrue();

        assertThat(notify(form(notification))).as("a notification for a cancelled order").isEqualTo("fail");
        assertThat(status(orderNo)).isEqualTo("CANCELLED");
        assertThat(sql.count("select count(*) from payment_alerts where kind = 'ORDER_CLOSED' and order_no = '" + orderNo + "'")).isEqualTo(1);
        Thread.sleep(300);
        assertThat(sql.count("select count(*) from redeem_codes c join orders o on o.id = c.order_id where o.order_no = '" + orderNo + "'"))
                .isZero();
        assertThat(sql.count("select count(*) from audit_log where action = 'ORDER_CANCEL' and target_id = '" + orderNo + "'")).isEqualTo(1);
    }

    @Test
    void cancellingAnOrderTheGatewayReportsPaidIsRefusedAndTheOrderIsPaidInstead() throws Exception {
        JsonNode order = order(a);
        String orderNo = order.get("order_no").asText();
        assertThat(sandboxPay(payPage(order.get("pay_url").asText()), "no")).isEqualTo("not sent");

        HttpResponse<String> refused = send("POST", "/api/v1/distributors/me/code-orders/" + orderNo + "/cancel", a, null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("code").asText()).isEqualTo("ORDER_ALREADY_PAID");
        assertThat(awaitFulfilment(orderNo, a).get("fulfillment_status").asText()).isEqualTo("COMPLETED");
        assertThat(status(orderNo)).isEqualTo("PAID");
    }

    @Test
    void staffRefundAPaidOrderItsUnusedCodesAreDisabledAndTheUsedOneKept() throws Exception {
        JsonNode order = order(b);
        String orderNo = order.get("order_no").asText();
        assertThat(sandboxPay(payPage(order.get("pay_url").asText()), "yes")).isEqualTo("success");
        awaitFulfilment(orderNo, b);
        List<String> codes = sql.texts("select c.code from redeem_codes c join orders o on o.id = c.order_id where o.order_no = '"
                + orderNo + "' order by c.id");
        assertThat(codes).hasSize(4);
        ok(send("POST", "/api/v1/public/redeem", null, "{\"code\":\"" + codes.get(0) + "\",\"email\":\"refund-kept@example.com\"}"), 200);

        assertThat(send("POST", "/api/v1/admin/orders/" + orderNo + "/refund", b, "{}").statusCode()).isEqualTo(403);
        JsonNode refunded = json(ok(send("POST", "/api/v1/admin/orders/" + orderNo + "/refund", admin,
                "{\"reason\":\"buyer asked\"}"), 200));
        assertThat(refunded.get("order").get("status").asText()).isEqualTo("REFUNDED");
        assertThat(refunded.get("codes_disabled").asInt()).isEqualTo(3);
        assertThat(refunded.get("codes_kept").asInt()).isEqualTo(1);
        assertThat(sql.count("select count(*) from redeem_codes c join orders o on o.id = c.order_id where o.order_no = '" + orderNo
                + "' and not c.active")).isEqualTo(3);
        assertThat(sql.count("select count(*) from redeem_codes where code = '" + codes.get(0) + "' and active")).isEqualTo(1);
        HttpResponse<String> disabled = send("POST", "/api/v1/public/redeem", null,
                "{\"code\":\"" + codes.get(1) + "\",\"email\":\"refund-late@example.com\"}");
        assertThat(json(disabled).get("code").asText()).isEqualTo("CODE_DISABLED");
        // the settlement ledger: the purchase and its refund, both informative (the gateway returned the money), committed with the refund
        String entries = "select e.kind || ' ' || e.amount_minor || ' ' || e.balance_minor || ' ' || coalesce(e.reason, '-') from ledger_entries e "
                + "join orders o on o.id = e.order_id where o.order_no = '" + orderNo + "' order by e.id";
        assertThat(sql.texts(entries)).containsExactly("PURCHASE 400 0 -", "PURCHASE_REFUNDED 400 0 buyer asked");
        // (its own savepoint gives the entry a subtransaction's xmin: aRefundThatRollsBack… proves it shares the refund's fate)
        assertThat(sql.count("select count(*) from ledger_entries e join orders o on o.id = e.order_id where o.order_no = '"
                + orderNo + "' and e.kind = 'PURCHASE_REFUNDED' and o.status = 'REFUNDED' and e.occurred_at = o.refunded_at")).isEqualTo(1);
        JsonNode ledger = json(ok(send("GET", "/api/v1/distributors/me/ledger", b, null), 200)).get("items");
        assertThat(ledger.get(0).get("kind").asText()).isEqualTo("PURCHASE_REFUNDED");
        assertThat(ledger.get(0).get("order_no").asText()).isEqualTo(orderNo);
        assertThat(ledger.get(0).get("balance").asText()).isEqualTo("0.00");
        assertThat(sql.text("select details from audit_log where action = 'ORDER_REFUND' and target_id = '" + orderNo + "'"))
                .contains("codes disabled=3");

        HttpResponse<String> twice = send("POST", "/api/v1/admin/orders/" + orderNo + "/refund", admin, "{}");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(json(twice).get("code").asText()).isEqualTo("ORDER_NOT_REFUNDABLE");
        assertThat(sql.texts(entries)).hasSize(2);
        // the distributor's statistics count the disabled codes as inactive (triggers, same transaction)
        JsonNode summary = json(ok(send("GET", "/api/v1/distributors/me/summary", b, null), 200));
        assertThat(summary.get("total_codes").asLong()).isEqualTo(4);
        assertThat(summary.get("inactive_codes").asLong()).isEqualTo(3);
    }

    @Test
    void aRefundThatRollsBackLeavesNoLedgerEntryAndTheEntryIsOncePerOrder() throws Exception {
        JsonNode order = order(a);
        String orderNo = order.get("order_no").asText();
        assertThat(sandboxPay(payPage(order.get("pay_url").asText()), "yes")).isEqualTo("success");
        awaitFulfilment(orderNo, a);
        // the refund's last write (its audit entry) fails: the whole refund rolls back, the ledger entry with it
        sql.execute("create function fail_refund_audit() returns trigger language plpgsql as $$ begin "
                + "raise exception 'refund audit refused by the test'; end $$");
        sql.execute("create trigger fail_refund_audit before insert on audit_log for each row when (new.action = 'ORDER_REFUND' "
                + "and new.target_id = '" + orderNo + "') execute function fail_refund_audit()");
        try {
            assertThat(send("POST", "/api/v1/admin/orders/" + orderNo + "/refund", admin, "{\"reason\":\"first try\"}").statusCode())
                    .isEqualTo(500);
        } finally {
            sql.execute("drop trigger fail_refund_audit on audit_log");
            sql.execute("drop function fail_refund_audit()");
        }
        String refunds = "select count(*) from ledger_entries e join orders o on o.id = e.order_id where o.order_no = '" + orderNo
                + "' and e.kind = 'PURCHASE_REFUNDED'";
        assertThat(status(orderNo)).isEqualTo("PAID");
        assertThat(sql.count(refunds)).isZero();

        ok(send("POST", "/api/v1/admin/orders/" + orderNo + "/refund", admin, "{\"reason\":\"second try\"}"), 200);
        assertThat(sql.count(refunds)).isEqualTo(1);
        // the database refuses a second entry for the order, whoever writes it
        assertThatThrownBy(() -> sql.execute("insert into ledger_entries (distributor_id, kind, amount_minor, balance_minor, currency, period, "
                + "occurred_at, order_id, reason) select buyer_id, 'PURCHASE_REFUNDED', final_amount_minor, 0, currency, date_trunc('month', now()), "
                + "now(), id, 'again' from orders where order_no = '" + orderNo + "'")).hasStackTraceContaining("ledger_entries_purchase_refunded_key");
        assertThat(sql.count(refunds)).isEqualTo(1);
    }

    @Test
    void aRefundStopsAFulfilmentStillRunning() throws Exception {
        JsonNode order = order(a);
        String orderNo = order.get("order_no").asText();
        // paid in the database only, with the fulfilment not yet due: as if the worker had not reached it
        sql.execute("update orders set status = 'PAID', trade_no = 'T-" + orderNo + "', paid_at = now(), fulfillment_next_at = now() + interval '1 hour'"
                + " where order_no = '" + orderNo + "'");
        JsonNode refunded = json(ok(send("POST", "/api/v1/admin/orders/" + orderNo + "/refund", admin, null), 200));
        assertThat(refunded.get("order").get("fulfillment_status").asText()).isEqualTo("FAILED");
        sql.execute("update orders set fulfillment_next_at = now() where order_no = '" + orderNo + "'");
        Thread.sleep(500);
        assertThat(sql.count("select count(*) from redeem_codes c join orders o on o.id = c.order_id where o.order_no = '" + orderNo + "'"))
                .as("a refunded order is no longer in the fulfilment outbox").isZero();
    }

    private static String status(String orderNo) {
        return sql.text("select status from orders where order_no = '" + orderNo + "'");
    }

    private static JsonNode order(String token) throws Exception {
        return json(ok(send("POST", "/api/v1/distributors/me/code-orders", token,
                "{\"plan_id\":" + planId + ",\"quantity\":1,\"pay_type\":\"alipay\"}"), 201));
    }

    private static String sandboxPay(Map<String, String> notification, String deliver) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/public/shop/sandbox/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(notification) + "&deliver=" + deliver)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static Map<String, String> payPage(String payUrl) throws Exception {
        HttpResponse<String> page = CLIENT.send(HttpRequest.newBuilder(URI.create(payUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("value=\"no\"").contains("action=\"pay\"");
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
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/public/shop/notify"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static JsonNode awaitFulfilment(String orderNo, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode o = json(ok(send("GET", "/api/v1/distributors/me/code-orders/" + orderNo, token, null), 200));
            if (o.get("fulfillment_status").asText().equals("COMPLETED") || System.nanoTime() > deadline) {
                return o;
            }
            Thread.sleep(50);
        }
    }

    static String login(String username, String password) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password)).build(),
                HttpResponse.BodyHandlers.ofString());
        return "Bearer " + json(ok(response, 200)).get("access_token").asText();
    }

    static HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

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
 * A distributor buys codes end to end on real PostgreSQL over real HTTP, through the sandbox gateway:
 * plan, order, the sandbox pay page, its signed notification posted 50 times at once, the fulfilment
 * worker, and every delivered code redeemed. Plus the refusals (tampered, expired) and isolation.
 */
class ShopHttpTest {
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static InviteHub hub;
    private static Sql sql;
    private static String base;
    private static String admin;
    private static String a;
    private static String b;
    private static long aId;
    private static long planId;

    @BeforeAll
    static void start() throws Exception {
        PersistenceSettings db = TestHubs.freshDatabase();
        sql = new Sql(db);
        hub = InviteHub.builder(TestHubs.settings(Map.of("INVITEHUB_FULFILMENT_BATCH", "4", "INVITEHUB_SIM_ACCEPT_DELAY", "1h",
                "INVITEHUB_ORDER_EXPIRY_INTERVAL", "100ms"))).persistence(db).start();
        hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        base = "http://127.0.0.1:" + hub.httpPort().orElseThrow();
        admin = login("admin", "admin-password");
        ok(send("POST", "/api/v1/admin/teams", admin, "{\"name\":\"Shop Team\",\"provider_account_id\":\"acct-shop\",\"max_seats\":50}"), 201);
        aId = json(ok(send("POST", "/api/v1/admins/distributors/create", admin,
                "{\"username\":\"shop-a\",\"email\":\"shop-a@example.com\",\"password\":\"shop-a-pw\"}"), 201)).get("id").asLong();
        ok(send("POST", "/api/v1/admins/distributors/create", admin,
                "{\"username\":\"shop-b\",\"email\":\"shop-b@example.com\",\"password\":\"shop-b-pw\"}"), 201);
        a = login("shop-a", "shop-a-pw");
        b = login("shop-b", "shop-b-pw");
        JsonNode plan = json(ok(send("POST", "/api/v1/admin/code-plans", admin, "{\"name\":\"Three pack\",\"price\":\"9.90\","
                + "\"code_count\":3,\"code_max_uses\":1,\"validity_days\":30,\"sort_order\":1}"), 201));
        planId = plan.get("id").asLong();
        assertThat(plan.get("price").asText()).isEqualTo("9.90");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void fiftyConcurrentNotificationsPayOnceAndTheWorkerDeliversEveryCodeWhichAllRedeem() throws Exception {
        JsonNode plans = json(ok(send("GET", "/api/v1/distributors/me/code-plans", a, null), 200));
        assertThat(plans.findValuesAsText("name")).contains("Three pack");

        JsonNode order = json(ok(send("POST", "/api/v1/distributors/me/code-orders", a,
                "{\"plan_id\":" + planId + ",\"quantity\":5,\"pay_type\":\"alipay\"}"), 201));
        String orderNo = order.get("order_no").asText();
        assertThat(orderNo).matches("[0-9]{14}[0-9A-F]{8}");
        assertThat(order.get("amount").asText()).isEqualTo("49.50");
        assertThat(order.get("codes_total").asInt()).isEqualTo(15);
        String payUrl = order.get("pay_url").asText();
        assertThat(payUrl).startsWith(base + "/api/v1/public/shop/sandbox/submit.php?").contains("out_trade_no=" + orderNo)
                .contains("sign_type=MD5");
        assertThat(json(ok(send("GET", "/api/v1/distributors/me/code-orders/" + orderNo, a, null), 200)).get("pay_url").asText())
                .as("an unpaid order's detail offers the same pay URL again").isEqualTo(payUrl);

        Map<String, String> notification = payPage(payUrl);
        assertThat(notification).containsEntry("out_trade_no", orderNo).containsEntry("money", "49.50")
                .containsEntry("trade_status", "TRADE_SUCCESS");
        String form = form(notification);

        // a tampered copy is refused and changes nothing
        assertThat(notify(form.replace("money=49.50", "money=0.01"))).isEqualTo("fail");
        assertThat(sql.text("select status from orders where order_no = '" + orderNo + "'")).isEqualTo("PENDING");

        int callers = 50;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return notify(form);
            }));
        }
        go.countDown();
        List<String> bodies = new ArrayList<>();
        for (Future<String> f : answers) {
            bodies.add(f.get());
        }
        pool.shutdown();
        assertThat(bodies).hasSize(callers).containsOnly("success");
        assertThat(sql.count("select count(*) from audit_log where action = 'ORDER_PAID' and target_id = '" + orderNo + "'")).isEqualTo(1);

        JsonNode done = awaitFulfilment(orderNo, a);
        assertThat(done.get("pay_url").isNull()).as("a paid order offers no pay URL").isTrue();
        assertThat(done.get("status").asText()).isEqualTo("PAID");
        assertThat(done.get("fulfillment_status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("delivered_count").asInt()).isEqualTo(15);
        assertThat(done.get("fulfillment_attempts").asInt()).isEqualTo(1);
        long orderId = sql.count("select id from orders where order_no = '" + orderNo + "'");
        assertThat(sql.count("select count(*) from redeem_codes where order_id = " + orderId)).isEqualTo(15);
        assertThat(sql.count("select count(distinct code) from redeem_codes where order_id = " + orderId)).isEqualTo(15);
        assertThat(sql.count("select count(*) from redeem_codes where order_id = " + orderId + " and owner_id = " + aId
                + " and max_uses = 1 and validity_days = 30")).isEqualTo(15);
        // the statistics triggers counted exactly these codes, and the plan ranking knows the plan
        assertThat(sql.count("select coalesce(sum(codes), 0) from distributor_stats where distributor_id = " + aId)).isEqualTo(15);
        assertThat(sql.count("select coalesce(sum(codes), 0) from distributor_plan_stats where distributor_id = " + aId
                + " and plan_id = " + planId)).isEqualTo(15);
        assertThat(json(ok(send("GET", "/api/v1/distributors/me/summary", a, null), 200)).get("total_codes").asLong()).isEqualTo(15);

        // the buyer's codes are all redeemable
        List<String> codes = sql.texts("select code from redeem_codes where order_id = " + orderId);
        assertThat(codes).hasSize(15);
        for (int i = 0; i < codes.size(); i++) {
            HttpResponse<String> redeemed = send("POST", "/api/v1/public/redeem", null,
                    "{\"code\":\"" + codes.get(i) + "\",\"email\":\"buyer-customer" + i + "@example.com\"}");
            assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(200);
        }

        // isolation: B neither sees nor finds A's order
        assertThat(send("GET", "/api/v1/distributors/me/code-orders/" + orderNo, b, null).statusCode()).isEqualTo(404);
        assertThat(json(ok(send("GET", "/api/v1/distributors/me/code-orders", b, null), 200)).get("items").findValuesAsText("order_no"))
                .doesNotContain(orderNo);
        assertThat(json(ok(send("GET", "/api/v1/distributors/me/code-orders", a, null), 200)).get("items").findValuesAsText("order_no"))
                .contains(orderNo);
        JsonNode stats = json(ok(send("GET", "/api/v1/admin/orders/stats", admin, null), 200));
        assertThat(stats.get("count_by_status").get("PAID").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.get("codes_delivered").asLong()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void aPaymentForAnExpiredOrderIsRefusedAndShownToAdmins() throws Exception {
        JsonNode order = json(ok(send("POST", "/api/v1/distributors/me/code-orders", b,
                "{\"plan_id\":" + planId + ",\"quantity\":1,\"pay_type\":\"wxpay\"}"), 201));
        String orderNo = order.get("order_no").asText();
        Map<String, String> notification = payPage(order.get("pay_url").asText());
        sql.execute("update orders set expire_at = now() - interval '1 minute', created_at = created_at - interval '16 minutes'"
                + " where order_no = '" + orderNo + "'");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!sql.text("select status from orders where order_no = '" + orderNo + "'").equals("EXPIRED")) {
            assertThat(System.nanoTime()).as("the expiry job closes the order").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(notify(form(notification))).isEqualTo("fail");
        assertThat(sql.text("select status from orders where order_no = '" + orderNo + "'")).isEqualTo("EXPIRED");
        JsonNode alerts = json(ok(send("GET", "/api/v1/admin/payment-alerts", admin, null), 200)).get("items");
        assertThat(alerts.findValuesAsText("order_no")).contains(orderNo);
        assertThat(alerts.findValuesAsText("kind")).contains("ORDER_CLOSED");
        assertThat(send("GET", "/api/v1/admin/payment-alerts", b, null).statusCode()).isEqualTo(403);
        assertThat(sql.count("select count(*) from redeem_codes c join orders o on o.id = c.order_id where o.order_no = '" + orderNo + "'"))
                .isZero();
    }

    @Test
    void badOrdersAreRefusedWithProblemsThatChangeNothing() throws Exception {
        long before = sql.count("select count(*) from orders");
        assertThat(send("POST", "/api/v1/distributors/me/code-orders", a, "{\"plan_id\":" + planId + ",\"quantity\":101,\"pay_type\":\"alipay\"}")
                .statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/distributors/me/code-orders", a, "{\"plan_id\":" + planId + ",\"quantity\":1,\"pay_type\":\"cash\"}")
                .statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/distributors/me/code-orders", a, "{\"plan_id\":999999,\"quantity\":1,\"pay_type\":\"alipay\"}")
                .statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/distributors/me/code-orders", a, "{\"quantity\":1}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/distributors/me/code-orders", admin, "{\"plan_id\":" + planId + ",\"quantity\":1,\"pay_type\":\"alipay\"}")
                .statusCode()).isEqualTo(403);
        assertThat(sql.count("select count(*) from orders")).isEqualTo(before);
        assertThat(send("POST", "/api/v1/admin/code-plans", admin, "{\"name\":\"Float\",\"price\":\"9.999\",\"code_count\":1,"
                + "\"code_max_uses\":1,\"validity_days\":30}").statusCode()).isEqualTo(400);
        // issue 10: a price is bounded, so price x quantity cannot overflow into a 500 when someone orders it.
        // A price longer than a decimal's shape is refused at the edge (ADR 33), naming the field; one of the
        // right shape beyond 1 000 000.00 is refused by the plan itself (PlanSpec.MAX_PRICE_MINOR)
        long plans = sql.count("select count(*) from plans");
        HttpResponse<String> overLong = send("POST", "/api/v1/admin/code-plans", admin, "{\"name\":\"Dear\",\"price\":\"92233720368547758.07\","
                + "\"code_count\":1,\"code_max_uses\":1,\"validity_days\":30}");
        assertThat(overLong.statusCode()).as(overLong.body()).isEqualTo(400);
        assertThat(json(overLong).get("field").asText()).isEqualTo("price");
        for (String price : new String[] {"1000000.01", "9999999999999.99"}) {
            for (String field : new String[] {"price", "original_price"}) {
                String body = "price".equals(field) ? "\"price\":\"" + price + "\"" : "\"price\":\"1.00\",\"original_price\":\"" + price + "\"";
                HttpResponse<String> dear = send("POST", "/api/v1/admin/code-plans", admin, "{\"name\":\"Dear\"," + body
                        + ",\"code_count\":1,\"code_max_uses\":1,\"validity_days\":30}");
                assertThat(dear.statusCode()).as(dear.body()).isEqualTo(400);
                assertThat(dear.body()).contains(field + " must be at most 1000000.00");
            }
        }
        HttpResponse<String> dearest = send("POST", "/api/v1/admin/code-plans", admin, "{\"name\":\"Dearest\",\"price\":\"1000000.00\","
                + "\"code_count\":1,\"code_max_uses\":1,\"validity_days\":30,\"active\":false}");
        assertThat(dearest.statusCode()).as(dearest.body()).isEqualTo(201);
        assertThat(sql.count("select count(*) from plans")).isEqualTo(plans + 1);
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

    private static String login(String username, String password) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password)).build(),
                HttpResponse.BodyHandlers.ofString());
        return "Bearer " + json(ok(response, 200)).get("access_token").asText();
    }

    private static HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
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

package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.invitehub.bootstrap.ReadSideWorld.json;
import static io.invitehub.bootstrap.ReadSideWorld.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency keys (issue 16, ADR 44) on real PostgreSQL over real HTTP: a repeat gets the stored first answer
 * and changes nothing; the key with another body or route is 422; a request still in flight with the key is 409;
 * many threads sending one key at once make exactly one order; keys are per caller; definite refusals are kept,
 * transient ones are not; a key past its day is purged and then starts afresh.
 */
class IdempotencyKeysHttpTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static InviteHub hub;
    private static PersistenceSettings db;
    private static Sql sql;
    private static String base;
    private static String admin;
    private static String a;
    private static String b;
    private static long aId;
    private static long planId;

    @BeforeAll
    static void start() throws Exception {
        db = TestHubs.freshDatabase();
        sql = new Sql(db);
        hub = InviteHub.builder(TestHubs.settings(Map.of("INVITEHUB_SIM_ACCEPT_DELAY", "1h"))).persistence(db).start();
        hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        base = "http://127.0.0.1:" + hub.httpPort().orElseThrow();
        admin = SignIn.login(base, "admin", "admin-password");
        aId = json(ok(send("POST", "/api/v1/admins/distributors/create", admin, null,
                "{\"username\":\"idem-a\",\"email\":\"idem-a@example.com\",\"password\":\"idem-a-pw\"}"), 201)).get("id").asLong();
        ok(send("POST", "/api/v1/admins/distributors/create", admin, null,
                "{\"username\":\"idem-b\",\"email\":\"idem-b@example.com\",\"password\":\"idem-b-pw\"}"), 201);
        a = SignIn.login(base, "idem-a", "idem-a-pw");
        b = SignIn.login(base, "idem-b", "idem-b-pw");
        planId = json(ok(send("POST", "/api/v1/admin/code-plans", admin, null, "{\"name\":\"Idem pack\",\"price\":\"1.00\","
                + "\"code_count\":1,\"code_max_uses\":1,\"validity_days\":30}"), 201)).get("id").asLong();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void aRepeatGetsTheFirstAnswerAndChangesNothing() throws Exception {
        String key = UUID.randomUUID().toString();
        String team = "{\"name\":\"Idem Team\",\"provider_account_id\":\"acct-idem-1\",\"max_seats\":5}";
        HttpResponse<String> first = send("POST", "/api/v1/admin/teams", admin, key, team);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();

        HttpResponse<String> again = send("POST", "/api/v1/admin/teams", admin, key, team);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(again.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(sql.count("select count(*) from teams where provider_account_id = 'acct-idem-1'")).isEqualTo(1);
        assertThat(sql.count("select count(*) from audit_log where action = 'TEAM_CREATE' and target_id = '"
                + json(first).get("id").asText() + "'")).isEqualTo(1);
        assertThat(sql.count("select count(*) from idempotency_keys where idem_key = '" + key + "' and status = 201")).isEqualTo(1);

        // without a key the same body is a new request (and a duplicate workspace here)
        assertThat(send("POST", "/api/v1/admin/teams", admin, null, team).statusCode()).isNotEqualTo(201);
    }

    @Test
    void theKeyWithAnotherBodyOrRouteIs422AndChangesNothing() throws Exception {
        String key = "order-" + UUID.randomUUID();
        HttpResponse<String> first = send("POST", "/api/v1/distributors/me/code-orders", a, key, order(1));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        long orders = ordersOf(aId);

        HttpResponse<String> otherBody = send("POST", "/api/v1/distributors/me/code-orders", a, key, order(2));
        assertThat(otherBody.statusCode()).isEqualTo(422);
        assertThat(json(otherBody).get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(otherBody.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");

        String orderNo = json(first).get("order_no").asText();
        HttpResponse<String> otherRoute = send("POST", "/api/v1/distributors/me/code-orders/" + orderNo + "/cancel", a, key, null);
        assertThat(otherRoute.statusCode()).isEqualTo(422);
        assertThat(sql.text("select status from orders where order_no = '" + orderNo + "'")).isEqualTo("PENDING");
        assertThat(ordersOf(aId)).isEqualTo(orders);

        // the same key is another caller's own: B's first request with it is new
        assertThat(send("POST", "/api/v1/distributors/me/code-orders", b, key, order(1)).statusCode()).isEqualTo(201);
    }

    @Test
    void aRequestStillInFlightWithTheKeyIs409() throws Exception {
        String key = "in-flight-" + UUID.randomUUID();
        long before = ordersOf(aId);
        try (Connection holder = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            holder.setAutoCommit(false);
            // what the first request's transaction holds while it runs
            try (PreparedStatement lock = holder.prepareStatement("select pg_advisory_xact_lock(?, hashtext(? || ':' || ?))")) {
                lock.setInt(1, 0x494B);
                lock.setString(2, "user:" + aId);
                lock.setString(3, key);
                lock.execute();
            }
            HttpResponse<String> busy = send("POST", "/api/v1/distributors/me/code-orders", a, key, order(1));
            assertThat(busy.statusCode()).isEqualTo(409);
            assertThat(json(busy).get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_IN_USE");
            assertThat(ordersOf(aId)).isEqualTo(before);
            holder.rollback();
        }
        assertThat(send("POST", "/api/v1/distributors/me/code-orders", a, key, order(1)).statusCode())
                .as("the 409 was not kept: once the first is done the key works").isEqualTo(201);
        assertThat(ordersOf(aId)).isEqualTo(before + 1);
    }

    @Test
    void manyThreadsSendingOneKeyAtOnceMakeExactlyOneOrder() throws Exception {
        String key = "race-" + UUID.randomUUID();
        long before = ordersOf(aId);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return send("POST", "/api/v1/distributors/me/code-orders", a, key, order(3));
            }));
        }
        go.countDown();
        List<String> orderNos = new ArrayList<>();
        int inFlight = 0;
        for (Future<HttpResponse<String>> f : answers) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 409) {
                assertThat(json(r).get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_IN_USE");
                inFlight++;
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                orderNos.add(json(r).get("order_no").asText());
            }
        }
        pool.shutdown();
        assertThat(orderNos).isNotEmpty();
        assertThat(orderNos.stream().distinct()).as("every 201 is the one order").hasSize(1);
        assertThat(orderNos.size() + inFlight).isEqualTo(threads);
        assertThat(ordersOf(aId)).as("exactly one effect").isEqualTo(before + 1);
        assertThat(sql.count("select count(*) from audit_log where action = 'ORDER_CREATE' and target_id = '" + orderNos.get(0) + "'"))
                .isEqualTo(1);
    }

    @Test
    void aDefiniteRefusalIsKeptATransientOneIsNot() throws Exception {
        String key = "refused-" + UUID.randomUUID();
        String unknownPlan = "{\"plan_id\":999999,\"quantity\":1,\"pay_type\":\"alipay\"}";
        HttpResponse<String> first = send("POST", "/api/v1/distributors/me/code-orders", a, key, unknownPlan);
        assertThat(first.statusCode()).isEqualTo(404);
        HttpResponse<String> again = send("POST", "/api/v1/distributors/me/code-orders", a, key, unknownPlan);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");

        // refused at the handler with 400 (pay_type not offered): not kept, the corrected request may use the key
        String key2 = "transient-" + UUID.randomUUID();
        HttpResponse<String> badPayType = send("POST", "/api/v1/distributors/me/code-orders", a, key2,
                "{\"plan_id\":" + planId + ",\"quantity\":1,\"pay_type\":\"cash\"}");
        assertThat(badPayType.statusCode()).isEqualTo(400);
        assertThat(sql.count("select count(*) from idempotency_keys where idem_key = '" + key2 + "'")).isZero();
        assertThat(send("POST", "/api/v1/distributors/me/code-orders", a, key2, order(1)).statusCode()).isEqualTo(201);
    }

    @Test
    void theHeaderIsCheckedAtTheEdge() throws Exception {
        HttpResponse<String> tooLong = send("POST", "/api/v1/distributors/me/code-orders", a, "k".repeat(256), order(1));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong).get("field").asText()).isEqualTo("Idempotency-Key");
        HttpResponse<String> blank = send("POST", "/api/v1/distributors/me/code-orders", a, "a key with blanks", order(1));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(json(blank).get("field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void aKeyPastItsDayIsPurgedAndThenStartsAfresh() throws Exception {
        String key = "old-" + UUID.randomUUID();
        long before = ordersOf(aId);
        assertThat(send("POST", "/api/v1/distributors/me/code-orders", a, key, order(1)).statusCode()).isEqualTo(201);
        sql.execute("update idempotency_keys set created_at = now() - interval '25 hours' where idem_key = '" + key + "'");
        // past its day but not purged yet: already treated as new
        assertThat(send("POST", "/api/v1/distributors/me/code-orders", a, key, order(1)).headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(ordersOf(aId)).isEqualTo(before + 2);
        assertThat(sql.count("select count(*) from idempotency_keys where idem_key = '" + key
                + "' and created_at > now() - interval '1 hour'")).isEqualTo(1);

        sql.execute("update idempotency_keys set created_at = now() - interval '25 hours' where idem_key = '" + key + "'");
        String fresh = "fresh-" + UUID.randomUUID();
        assertThat(send("POST", "/api/v1/distributors/me/code-orders", a, fresh, order(1)).statusCode()).isEqualTo(201);
        assertThat(hub.idempotencyKeys().purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(sql.count("select count(*) from idempotency_keys where idem_key = '" + key + "'")).isZero();
        assertThat(sql.count("select count(*) from idempotency_keys where idem_key = '" + fresh + "'")).as("a young key stays").isEqualTo(1);
    }

    @Test
    void aPublicRedemptionWithAKeyIsDispatchedAfterItsCommit() throws Exception {
        ok(send("POST", "/api/v1/admin/teams", admin, null, "{\"name\":\"Idem Seats\",\"provider_account_id\":\"acct-idem-seats\",\"max_seats\":5}"), 201);
        String code = json(ok(send("POST", "/api/v1/redeem-codes", admin, null, "{\"count\":1,\"max_uses\":1,\"validity_days\":30}"), 201))
                .get("codes").get(0).asText();
        String key = UUID.randomUUID().toString();
        String body = "{\"code\":\"" + code + "\",\"email\":\"idem-customer@example.com\"}";
        HttpResponse<String> first = send("POST", "/api/v1/public/redeem", null, key, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        HttpResponse<String> again = send("POST", "/api/v1/public/redeem", null, key, body);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(sql.count("select used_count from redeem_codes where code = '" + code.replace("-", "") + "'")).isEqualTo(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!sql.text("select state from invitations where email = 'idem-customer@example.com'").equals("INVITED")) {
            assertThat(System.nanoTime()).as("the dispatcher sends the invitation once the redemption committed").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static long ordersOf(long buyer) {
        return sql.count("select count(*) from orders where buyer_id = " + buyer);
    }

    private static String order(int quantity) {
        return "{\"plan_id\":" + planId + ",\"quantity\":" + quantity + ",\"pay_type\":\"alipay\"}";
    }

    static HttpResponse<String> send(String method, String path, String authorization, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

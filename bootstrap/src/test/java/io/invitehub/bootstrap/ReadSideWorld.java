package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.adapter.out.persistence.PersistenceSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A hub on real PostgreSQL with HTTP, seeded through the API: staff (admin, operator), two APPROVED
 * distributors A and B with codes and redemptions, a PENDING and a SUSPENDED distributor with the
 * tokens they would hold, and a spare distributor for the lifecycle routes. Workers are off, so
 * invitations stay where redemption left them.
 */
final class ReadSideWorld implements AutoCloseable {
    static final int A_SALES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    final InviteHub hub;
    final PersistenceSettings db;
    final Sql sql;
    final String base;
    final String admin;
    final String operator;
    final String a;
    final String b;
    final String pending;
    final String suspended;
    final long aId;
    final long bId;
    final long spareId;
    /** A's codes: the first {@link #A_SALES} redeemed, the rest unused. */
    final List<Long> aCodes = new ArrayList<>();
    final List<Long> bCodes = new ArrayList<>();
    /** A plan on sale, and one unpaid order of it by A and one by B. */
    final long planId;
    final String aOrder;
    final String bOrder;

    /** A signed download link of A's sales export, issued at the start (the public download route's request). */
    final String aExportLink;

    ReadSideWorld() throws Exception {
        this(Map.of());
    }

    /** The same world on a hub started with these settings {@code overrides}. */
    ReadSideWorld(Map<String, String> overrides) throws Exception {
        db = TestHubs.freshDatabase();
        sql = new Sql(db);
        hub = InviteHub.builder(TestHubs.settings(overrides)).persistence(db).workers(false).start();
        hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        base = "http://127.0.0.1:" + hub.httpPort().orElseThrow();
        admin = login("admin", "admin-password");

        createDistributor("operator");
        sql.execute("update users set role = 'OPERATOR', approval = null where username = 'operator'");
        operator = login("operator", "operator-pw");

        ok(send("POST", "/api/v1/admin/teams", admin,
                "{\"name\":\"Team One\",\"provider_account_id\":\"acct-read-1\",\"max_seats\":50}"), 201);
        aId = createDistributor("dist-a");
        bId = createDistributor("dist-b");
        spareId = createDistributor("dist-spare");
        a = login("dist-a", "dist-a-pw");
        b = login("dist-b", "dist-b-pw");
        grantAndRedeem(aId, 8, A_SALES, "a", aCodes);
        grantAndRedeem(bId, 3, 2, "b", bCodes);

        planId = json(ok(send("POST", "/api/v1/admin/code-plans", admin, PLAN), 201)).get("id").asLong();
        aOrder = json(ok(send("POST", "/api/v1/distributors/me/code-orders", a, order()), 201)).get("order_no").asText();
        bOrder = json(ok(send("POST", "/api/v1/distributors/me/code-orders", b, order()), 201)).get("order_no").asText();

        aExportLink = json(ok(send("POST", "/api/v1/distributors/me/exports/sales/links", a, null), 201)).get("url").asText();

        long pendingId = createDistributor("dist-pending");
        pending = login("dist-pending", "dist-pending-pw");
        // back to PENDING without a new token version: the token it holds now belongs to a distributor that may not act
        sql.execute("update users set approval = 'PENDING' where id = " + pendingId);
        long suspendedId = createDistributor("dist-suspended");
        suspended = login("dist-suspended", "dist-suspended-pw");
        ok(send("POST", "/api/v1/admins/distributors/" + suspendedId + "/suspend", admin, null), 200);
    }

    static final String PLAN = "{\"name\":\"Matrix pack\",\"price\":\"5.00\",\"code_count\":2,\"code_max_uses\":1,\"validity_days\":30}";

    String order() {
        return "{\"plan_id\":" + planId + ",\"quantity\":1,\"pay_type\":\"alipay\"}";
    }

    private long createDistributor(String name) throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/admins/distributors/create", admin,
                "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\",\"password\":\"" + name + "-pw\"}");
        return json(ok(created, 201)).get("id").asLong();
    }

    private void grantAndRedeem(long distributor, int count, int redeem, String tag, List<Long> ids) throws Exception {
        JsonNode codes = json(ok(send("POST", "/api/v1/distributors/" + distributor + "/grant-codes", admin,
                "{\"count\":" + count + ",\"max_uses\":1,\"validity_days\":30}"), 201)).get("codes");
        for (int i = 0; i < redeem; i++) {
            ok(send("POST", "/api/v1/public/redeem", null, "{\"code\":\"" + codes.get(i).asText() + "\",\"email\":\""
                    + tag + "-customer" + i + "@example.com\"}"), 200);
        }
        for (JsonNode code : codes) {
            ids.add(sql.count("select id from redeem_codes where code = '" + code.asText().replace("-", "") + "'"));
        }
    }

    String login(String username, String password) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password)).build());
        return "Bearer " + json(ok(response, 200)).get("access_token").asText();
    }

    HttpResponse<String> get(String path, String authorization) throws Exception {
        return send("GET", path, authorization, null);
    }

    HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> ok(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " but got " + response.statusCode() + ": "
                    + response.request().method() + " " + response.request().uri() + " -> " + response.body());
        }
        return response;
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        hub.close();
    }
}

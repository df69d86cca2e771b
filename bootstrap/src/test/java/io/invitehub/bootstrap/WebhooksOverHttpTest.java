package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.webhook.WebhookSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.invitehub.bootstrap.Calls.await;
import static io.invitehub.bootstrap.Calls.json;
import static io.invitehub.bootstrap.Calls.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbound webhooks (issue 16, ADR 42) with the whole service running against a local receiver with faults
 * (the development setting admits loopback): the outbox row is written with the event, the delivery is signed,
 * failures are retried with backoff and logged, a redeliver sends the same event again, a redirect is not
 * followed, a slow receiver is left after the timeout, and retrying stops after its window. Each distributor
 * gets only its own events; the platform's endpoints get all, and only the administrator manages them.
 */
class WebhooksOverHttpTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern SIGNATURE = Pattern.compile("^t=([0-9]+),v1=([0-9a-f]{64})$");
    private static PersistenceSettings db;
    private static Sql sql;
    private static InviteHub hub;
    private static Calls api;
    private static WebhookReceiver receiver;
    private static String admin;
    private static String a;
    private static String b;
    private static long aId;
    private static long bId;

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookReceiver();
        db = TestHubs.freshDatabase();
        sql = new Sql(db);
        hub = InviteHub.builder(TestHubs.settings(Map.of(
                "INVITEHUB_WEBHOOKS_ALLOW_LOCAL", "true",
                "INVITEHUB_WEBHOOK_BACKOFF_BASE", "100ms",
                "INVITEHUB_WEBHOOK_BACKOFF_MAX", "200ms",
                "INVITEHUB_WEBHOOK_POLL_INTERVAL", "100ms",
                "INVITEHUB_WEBHOOK_TIMEOUT", "1s",
                "INVITEHUB_WEBHOOK_RETRY_FOR", "4s",
                "INVITEHUB_SIM_ACCEPT_DELAY", "1h"))).persistence(db).start();
        hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        api = new Calls(hub);
        admin = api.login("admin", "admin-password");
        ok(api.send("POST", "/api/v1/admin/teams", admin, "{\"name\":\"Hook Team\",\"provider_account_id\":\"acct-hook\",\"max_seats\":50}"), 201);
        aId = distributor("hook-a");
        bId = distributor("hook-b");
        a = api.login("hook-a", "hook-a-pw");
        b = api.login("hook-b", "hook-b-pw");
    }

    @AfterAll
    static void stop() {
        hub.close();
        receiver.close();
    }

    private static long distributor(String name) throws Exception {
        return json(ok(api.send("POST", "/api/v1/admins/distributors/create", admin,
                "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\",\"password\":\"" + name + "-pw\"}"), 201)).get("id").asLong();
    }

    private static String code(long distributor) throws Exception {
        return json(ok(api.send("POST", "/api/v1/distributors/" + distributor + "/grant-codes", admin,
                "{\"count\":1,\"max_uses\":1,\"validity_days\":30}"), 201)).get("codes").get(0).asText();
    }

    private static JsonNode register(String token, String route, String path, String events) throws Exception {
        return json(ok(api.send("POST", route, token, "{\"url\":\"" + receiver.base() + path + "\",\"events\":\"" + events + "\"}"), 201));
    }

    @Test
    void aRedemptionIsDeliveredSignedRetriedLoggedAndRedeliveredToItsOwnerAndStaffOnly() throws Exception {
        JsonNode mine = register(a, "/api/v1/distributors/me/webhooks", "/a", "code.redeemed,member.removed");
        JsonNode others = register(b, "/api/v1/distributors/me/webhooks", "/b", "code.redeemed");
        JsonNode staff = register(admin, "/api/v1/admin/webhooks", "/staff", "code.redeemed");
        String secret = mine.get("secret").asText();
        assertThat(secret).startsWith("whsec_").hasSize(49);
        assertThat(mine.get("events").toString()).isEqualTo("[\"code.redeemed\",\"member.removed\"]");
        // the secret is shown once: never in a list
        assertThat(ok(api.send("GET", "/api/v1/distributors/me/webhooks", a, null), 200).body()).doesNotContain(secret).contains(receiver.base() + "/a");
        assertThat(sql.text("select sealed_secret from webhook_endpoints where id = " + mine.get("id").asLong())).startsWith("ih1.").doesNotContain(secret);
        receiver.script("/a", 500, 503);

        String code = code(aId);
        ok(api.send("POST", "/api/v1/public/redeem", null, "{\"code\":\"" + code + "\",\"email\":\"hooked@example.com\"}"), 200);

        await("three attempts at /a", WAIT, () -> receiver.at("/a").size() == 3);
        await("the staff's delivery", WAIT, () -> receiver.at("/staff").size() == 1);
        for (WebhookReceiver.Received r : receiver.at("/a")) {
            assertSigned(r, secret);
            assertThat(r.headers().get("InviteHub-Event")).isEqualTo("code.redeemed");
            assertThat(r.headers().get("Content-Type")).startsWith("application/json");
        }
        WebhookReceiver.Received first = receiver.at("/a").get(0);
        assertThat(receiver.at("/a")).extracting(WebhookReceiver.Received::body).containsOnly(first.body());
        JsonNode event = Calls.json(first.body());
        assertThat(event.get("type").asText()).isEqualTo("code.redeemed");
        assertThat(event.get("data").get("code").asText()).isEqualTo(code.replace("-", ""));
        assertThat(event.get("data").get("email").asText()).isEqualTo("hooked@example.com");
        assertThat(event.get("data").get("state").asText()).isEqualTo("RESERVED");
        assertThat(event.get("data").get("team").asText()).isEqualTo("Hook Team");
        assertThat(Instant.parse(event.get("created_at").asText())).isBefore(Instant.now().plusSeconds(1));
        assertSigned(receiver.at("/staff").get(0), staff.get("secret").asText());
        assertThat(Calls.json(receiver.at("/staff").get(0).body()).get("id")).isEqualTo(event.get("id"));
        // B's endpoint has no delivery of A's event, and got nothing
        assertThat(sql.count("select count(*) from webhook_deliveries where endpoint_id = " + others.get("id").asLong())).isZero();
        assertThat(receiver.at("/b")).isEmpty();

        String deliveries = "/api/v1/distributors/me/webhooks/" + mine.get("id").asLong() + "/deliveries";
        await("delivered", WAIT, () -> sql.count("select count(*) from webhook_deliveries where endpoint_id = " + mine.get("id").asLong()
                + " and status = 'DELIVERED'") == 1);
        JsonNode log = json(ok(api.send("GET", deliveries, a, null), 200)).get("items");
        assertThat(log).hasSize(1);
        JsonNode delivery = log.get(0);
        assertThat(delivery.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.get("event_type").asText()).isEqualTo("code.redeemed");
        assertThat(delivery.get("recent_attempts").findValuesAsText("status_code")).containsExactly("200", "503", "500");
        // B cannot read A's log nor redeliver A's delivery: the same answer as an unknown endpoint
        assertThat(api.send("GET", deliveries, b, null).statusCode()).isEqualTo(404);
        assertThat(api.send("POST", deliveries + "/" + delivery.get("id").asLong() + "/redeliver", b, null).statusCode()).isEqualTo(404);

        JsonNode again = json(ok(api.send("POST", deliveries + "/" + delivery.get("id").asLong() + "/redeliver", a, null), 202));
        assertThat(again.get("status").asText()).isIn("PENDING", "SENDING", "DELIVERED");
        await("the redelivery", WAIT, () -> receiver.at("/a").size() == 4);
        WebhookReceiver.Received redelivered = receiver.at("/a").get(3);
        assertSigned(redelivered, secret);
        assertThat(redelivered.body()).isEqualTo(first.body());
        assertThat(redelivered.headers().get("InviteHub-Delivery")).isEqualTo(first.headers().get("InviteHub-Delivery"));
        assertThat(sql.count("select count(*) from audit_log where action = 'WEBHOOK_CREATE' and target_id = '" + mine.get("id").asLong() + "'"))
                .isEqualTo(1);
        assertThat(sql.count("select count(*) from audit_log where action = 'WEBHOOK_REDELIVER' and target_id = '" + delivery.get("id").asLong() + "'"))
                .isEqualTo(1);
    }

    @Test
    void aRedirectIsNotFollowedASlowReceiverIsLeftAndRetryingStopsAfterItsWindow() throws Exception {
        JsonNode redirect = register(admin, "/api/v1/admin/webhooks", "/redirect", "member.joined");
        JsonNode slow = register(admin, "/api/v1/admin/webhooks", "/slow", "member.joined");
        // a member.joined event (the acceptance sync publishes it; here through the same outbox port, from another
        // connection pool: the hub's workers find it by polling)
        try (io.invitehub.adapter.out.persistence.JooqPersistence other = io.invitehub.adapter.out.persistence.TestPostgres.connect(db)) {
            other.transactions().inTransaction(() -> {
                other.webhookEvents().publish(io.invitehub.application.shared.port.out.WebhookEvent.of(
                        io.invitehub.domain.webhook.EventType.MEMBER_JOINED, java.util.Optional.empty(), Instant.now(),
                        "email", "x@example.com"));
                return null;
            });
        }

        await("the redirect given up", WAIT, () -> sql.count("select count(*) from webhook_deliveries where endpoint_id = "
                + redirect.get("id").asLong() + " and status = 'FAILED'") == 1);
        assertThat(receiver.at("/target")).isEmpty();
        assertThat(receiver.at("/redirect").size()).isGreaterThanOrEqualTo(2);
        assertThat(sql.text("select last_error from webhook_deliveries where endpoint_id = " + redirect.get("id").asLong()))
                .contains("302").contains("redirects are not followed");

        await("a slow attempt logged", WAIT, () -> sql.count("select count(*) from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id"
                + " where d.endpoint_id = " + slow.get("id").asLong() + " and a.status_code is null and a.duration_ms >= 900") >= 1);
        assertThat(sql.text("select a.error from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id where d.endpoint_id = "
                + slow.get("id").asLong() + " order by a.id limit 1")).containsIgnoringCase("timeout");
    }

    @Test
    void aPaidOrderItsFulfilmentAndARemovedMemberReachTheBuyersEndpoint() throws Exception {
        register(b, "/api/v1/distributors/me/webhooks", "/b-events", "order.paid,fulfilment.completed,member.removed");
        long plan = json(ok(api.send("POST", "/api/v1/admin/code-plans", admin,
                "{\"name\":\"Hook pack\",\"price\":\"5.00\",\"code_count\":2,\"code_max_uses\":1,\"validity_days\":30}"), 201))
                .get("id").asLong();
        JsonNode order = json(ok(api.send("POST", "/api/v1/distributors/me/code-orders", b,
                "{\"plan_id\":" + plan + ",\"quantity\":1,\"pay_type\":\"alipay\"}"), 201));
        String orderNo = order.get("order_no").asText();
        // the sandbox's pay page holds the signed notification the gateway would post
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String page = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(order.get("pay_url").asText())).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(page);
        StringBuilder form = new StringBuilder();
        while (hidden.find()) {
            form.append(form.length() == 0 ? "" : "&").append(hidden.group(1)).append('=')
                    .append(java.net.URLEncoder.encode(hidden.group(2).replace("&amp;", "&"), java.nio.charset.StandardCharsets.UTF_8));
        }
        String answer = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + hub.httpPort().orElseThrow()
                        + "/api/v1/public/shop/notify")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form.toString())).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(answer).isEqualTo("success");

        await("order.paid and fulfilment.completed", WAIT, () -> types("/b-events").containsAll(List.of("order.paid", "fulfilment.completed")));
        JsonNode paid = event("/b-events", "order.paid");
        assertThat(paid.get("data").get("order_no").asText()).isEqualTo(orderNo);
        assertThat(paid.get("data").get("amount").asText()).isEqualTo("5.00");
        assertThat(event("/b-events", "fulfilment.completed").get("data").get("codes").asInt()).isEqualTo(2);

        String code = code(bId);
        ok(api.send("POST", "/api/v1/public/redeem", null, "{\"code\":\"" + code + "\",\"email\":\"leaving@example.com\"}"), 200);
        await("invited", WAIT, () -> sql.count("select count(*) from invitations where email = 'leaving@example.com' and state = 'INVITED'") == 1);
        long team = sql.count("select team_id from invitations where email = 'leaving@example.com'");
        ok(api.send("POST", "/api/v1/distributors/me/members/remove", b, "{\"email\":\"leaving@example.com\",\"team_id\":" + team + "}"), 200);

        await("member.removed", WAIT, () -> types("/b-events").contains("member.removed"));
        JsonNode removed = event("/b-events", "member.removed");
        assertThat(removed.get("data").get("email").asText()).isEqualTo("leaving@example.com");
        assertThat(removed.get("data").get("reason").asText()).isEqualTo("remove");
        assertThat(removed.get("data").get("state").asText()).isEqualTo("REMOVED");
        assertThat(removed.get("data").get("use_given_back").asBoolean()).isTrue();
        // nothing of B's reached A's endpoints
        assertThat(receiver.at("/a").stream().map(WebhookReceiver.Received::body)).noneMatch(body -> body.contains(orderNo));
    }

    private static List<String> types(String path) {
        return receiver.at(path).stream().map(r -> r.headers().get("InviteHub-Event")).toList();
    }

    private static JsonNode event(String path, String type) throws Exception {
        for (WebhookReceiver.Received r : receiver.at(path)) {
            if (type.equals(r.headers().get("InviteHub-Event"))) {
                return Calls.json(r.body());
            }
        }
        throw new AssertionError("no " + type + " at " + path);
    }

    /**
     * SPEC section 1: an operator is staff for teams, codes, orders and invitations, "not settings"; the platform's
     * endpoints receive every event of the platform, so they are the administrator's, as the console's menu has it.
     * A real operator account (created by the admin, its temporary password changed) is refused each of the five
     * platform routes with 403 and nothing changes; the use case itself refuses it too; the admin still manages
     * them; a distributor keeps its own routes and is refused the platform's.
     */
    @Test
    void thePlatformsEndpointsAreTheAdministratorsAnOperatorIsRefusedAndNothingChanges() throws Exception {
        JsonNode created = json(ok(api.send("POST", "/api/v1/admin/accounts", admin, "{\"username\":\"hook-op\"}"), 201));
        long operatorId = created.get("account").get("id").asLong();
        String temporary = created.get("temporary_password").asText();
        ok(api.send("POST", "/api/v1/auth/change-password", api.login("hook-op", temporary),
                "{\"old_password\":\"" + temporary + "\",\"new_password\":\"hook-op-password\"}"), 204);
        String operator = api.login("hook-op", "hook-op-password");
        // the operator is a working staff account: a staff route answers
        ok(api.send("GET", "/api/v1/admin/orders", operator, null), 200);

        JsonNode platform = register(admin, "/api/v1/admin/webhooks", "/platform-only", "statement.confirmed");
        long endpoint = platform.get("id").asLong();
        // one delivered event, so that its log and its redeliver exist (nothing else here listens to statement.confirmed)
        try (io.invitehub.adapter.out.persistence.JooqPersistence other = io.invitehub.adapter.out.persistence.TestPostgres.connect(db)) {
            other.transactions().inTransaction(() -> {
                other.webhookEvents().publish(io.invitehub.application.shared.port.out.WebhookEvent.of(
                        io.invitehub.domain.webhook.EventType.STATEMENT_CONFIRMED, java.util.Optional.empty(), Instant.now(),
                        "period", "2026-11"));
                return null;
            });
        }
        String deliveredWhere = " from webhook_deliveries where endpoint_id = " + endpoint;
        await("the platform's delivery", WAIT, () -> sql.count("select count(*)" + deliveredWhere + " and status = 'DELIVERED'") == 1);
        long delivery = sql.count("select id" + deliveredWhere);
        long attempts = sql.count("select attempts" + deliveredWhere);
        long endpoints = sql.count("select count(*) from webhook_endpoints");
        long audited = sql.count("select count(*) from audit_log where action like 'WEBHOOK%'");
        String one = "/api/v1/admin/webhooks/" + endpoint;
        String redeliver = one + "/deliveries/" + delivery + "/redeliver";

        List<HttpResponse<String>> refused = List.of(
                api.send("POST", "/api/v1/admin/webhooks", operator,
                        "{\"url\":\"" + receiver.base() + "/operator-own\",\"events\":\"code.redeemed\"}"),
                api.send("GET", "/api/v1/admin/webhooks", operator, null),
                api.send("DELETE", one, operator, null),
                api.send("GET", one + "/deliveries", operator, null),
                api.send("POST", redeliver, operator, null));
        for (HttpResponse<String> answer : refused) {
            assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.request().uri()).isEqualTo(403);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode problem = json(answer);
            assertThat(problem.get("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(problem.get("detail").asText()).isNotBlank();
            assertThat(answer.body()).doesNotContain("/platform-only");
        }
        // the use case refuses the operator too, whatever route would reach it
        io.invitehub.domain.user.Actor asOperator = io.invitehub.domain.user.Actor.of(new io.invitehub.domain.user.UserId(operatorId),
                io.invitehub.domain.user.Role.OPERATOR);
        List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> uses = List.of(
                () -> hub.webhooks().register(asOperator, new io.invitehub.application.webhooks.port.in.RegisterEndpointCommand(
                        receiver.base() + "/operator-own", List.of("code.redeemed"), java.util.Optional.empty())),
                () -> hub.webhooks().endpoints(asOperator, io.invitehub.application.shared.port.in.PageRequest.first(10)),
                () -> hub.webhooks().delete(asOperator, endpoint),
                () -> hub.webhooks().deliveries(asOperator, endpoint, io.invitehub.application.shared.port.in.PageRequest.first(10)),
                () -> hub.webhooks().redeliver(asOperator, endpoint, delivery));
        for (var use : uses) {
            org.assertj.core.api.Assertions.assertThatThrownBy(use).isInstanceOfSatisfying(io.invitehub.domain.shared.DomainException.class, e -> {
                assertThat(e.code()).isEqualTo(io.invitehub.domain.shared.ErrorCode.FORBIDDEN);
                assertThat(e.getMessage()).contains("only an administrator");
            });
        }
        // nothing changed: no endpoint created or deleted, the delivery not sent again, nothing audited
        Thread.sleep(300); // a redelivery would be due at once and the workers poll every 100 ms
        assertThat(sql.count("select count(*) from webhook_endpoints")).isEqualTo(endpoints);
        assertThat(sql.count("select count(*) from webhook_endpoints where url like '%/operator-own'")).isZero();
        assertThat(sql.text("select status" + deliveredWhere)).isEqualTo("DELIVERED");
        assertThat(sql.count("select attempts" + deliveredWhere)).isEqualTo(attempts);
        assertThat(receiver.at("/platform-only")).hasSize(1);
        assertThat(sql.count("select count(*) from audit_log where action like 'WEBHOOK%'")).isEqualTo(audited);
        assertThat(sql.count("select count(*) from audit_log where actor_id = " + operatorId + " and action like 'WEBHOOK%'")).isZero();

        // the administrator still manages them: the list (with the endpoint), its log, a redeliver, the delete
        JsonNode listed = json(ok(api.send("GET", "/api/v1/admin/webhooks?limit=50", admin, null), 200)).get("items");
        assertThat(listed.findValuesAsText("url")).contains(receiver.base() + "/platform-only").noneMatch(u -> u.endsWith("/operator-own"));
        JsonNode log = json(ok(api.send("GET", one + "/deliveries", admin, null), 200)).get("items");
        assertThat(log.findValuesAsText("id")).containsExactly(Long.toString(delivery));
        ok(api.send("POST", redeliver, admin, null), 202);
        await("the admin's redelivery", WAIT, () -> receiver.at("/platform-only").size() == 2);
        ok(api.send("DELETE", one, admin, null), 204);
        assertThat(sql.count("select count(*) from webhook_endpoints where id = " + endpoint)).isZero();

        // a distributor keeps its own endpoints on its own routes, and is refused the platform's
        JsonNode own = register(a, "/api/v1/distributors/me/webhooks", "/a-own", "statement.confirmed");
        assertThat(json(ok(api.send("GET", "/api/v1/distributors/me/webhooks", a, null), 200)).get("items").findValuesAsText("url"))
                .contains(receiver.base() + "/a-own");
        assertThat(api.send("GET", "/api/v1/admin/webhooks", a, null).statusCode()).isEqualTo(403);
        ok(api.send("DELETE", "/api/v1/distributors/me/webhooks/" + own.get("id").asLong(), a, null), 204);
    }

    @Test
    void registrationRefusesWhatIsNotAnEndpoint() throws Exception {
        HttpResponse<String> unknownEvent = api.send("POST", "/api/v1/distributors/me/webhooks", a,
                "{\"url\":\"https://hooks.example.com/x\",\"events\":\"code.redeemed,order.refunded\"}");
        assertThat(unknownEvent.statusCode()).isEqualTo(400);
        assertThat(json(unknownEvent).get("detail").asText()).contains("order.refunded");
        HttpResponse<String> credentials = api.send("POST", "/api/v1/distributors/me/webhooks", a,
                "{\"url\":\"https://user:pw@hooks.example.com/x\",\"events\":\"code.redeemed\"}");
        assertThat(credentials.statusCode()).isEqualTo(400);
        HttpResponse<String> noEvents = api.send("POST", "/api/v1/distributors/me/webhooks", a,
                "{\"url\":\"https://hooks.example.com/x\",\"events\":\"\"}");
        assertThat(noEvents.statusCode()).isEqualTo(400);
        assertThat(sql.count("select count(*) from webhook_endpoints where url like 'https://%hooks.example.com/x'")).isZero();
    }

    private static void assertSigned(WebhookReceiver.Received r, String secret) {
        Matcher m = SIGNATURE.matcher(r.headers().get("InviteHub-Signature"));
        assertThat(m.matches()).as(r.headers().get("InviteHub-Signature")).isTrue();
        assertThat(m.group(2)).isEqualTo(WebhookSignature.hmac(secret, m.group(1) + "." + r.body()));
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(m.group(1)))).isLessThan(60);
        assertThat(List.of(r.headers().get("InviteHub-Delivery"), r.headers().get("InviteHub-Event-Id"))).doesNotContainNull();
    }
}

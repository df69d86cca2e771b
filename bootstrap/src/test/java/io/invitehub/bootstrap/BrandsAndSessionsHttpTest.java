package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.application.fakes.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's second phase on the real service and PostgreSQL, through HTTP: the brand profile (default slug,
 * update, a taken slug, audit), the customers' site, brand and plan routes, a custom host served once an ADMIN
 * verified it (requests carrying its {@code Host}), session renewal bounded by the session maximum, and the sales
 * filter's plain dates as business days at the day boundary, equal to the dashboard's today.
 */
class BrandsAndSessionsHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 23:59:30 in Shanghai (the default business time zone) on 2025-03-01: still 2025-03-01 in UTC after midnight there. */
    private static final Instant BEFORE_MIDNIGHT = Instant.parse("2025-03-01T15:59:30Z");

    private static final MutableClock clock = new MutableClock(BEFORE_MIDNIGHT);
    private static final HttpClient client = HttpClient.newHttpClient();
    private static InviteHub hub;
    private static Sql sql;
    private static String base;
    private static int port;
    private static long kimId;

    @BeforeAll
    static void start() throws Exception {
        PersistenceSettings db = TestHubs.freshDatabase();
        sql = new Sql(db);
        hub = InviteHub.builder(TestHubs.settings(Map.of("INVITEHUB_PLATFORM_NAME", "Seat Shop", "INVITEHUB_PLATFORM_SUPPORT_CONTACT",
                "help@seats.example", "INVITEHUB_SESSION_MAX", "2h"))).persistence(db).workers(false).clock(clock).start();
        hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        port = hub.httpPort().orElseThrow();
        base = "http://127.0.0.1:" + port;
        String admin = login("admin", "admin-password");
        send("POST", "/api/v1/admin/teams", admin, "{\"name\":\"Team One\",\"provider_account_id\":\"acct-brand-1\",\"max_seats\":50}", 201);
        kimId = json(send("POST", "/api/v1/admins/distributors/create", admin,
                "{\"username\":\"Kim_Lee\",\"email\":\"kim@example.com\",\"password\":\"kim-password\"}", 201)).get("id").asLong();
        send("POST", "/api/v1/admins/distributors/create", admin,
                "{\"username\":\"lee\",\"email\":\"lee@example.com\",\"password\":\"lee-password\"}", 201);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void theBrandProfileStartsFromTheUsernameAndIsShownToCustomersWithoutAPrice() throws Exception {
        String admin = login("admin", "admin-password");
        String kim = login("Kim_Lee", "kim-password");
        JsonNode profile = json(send("GET", "/api/v1/distributors/me/profile", kim, null, 200));
        assertThat(profile.get("slug").asText()).isEqualTo("kim-lee");
        assertThat(profile.get("links").get("own_link_base").asText()).isEqualTo("/r/kim-lee/");

        String lee = login("lee", "lee-password");
        JsonNode taken = json(send("PUT", "/api/v1/distributors/me/profile", lee, "{\"slug\":\"KIM-LEE\"}", 409));
        assertThat(taken.get("code").asText()).isEqualTo("SLUG_TAKEN");
        JsonNode reserved = json(send("PUT", "/api/v1/distributors/me/profile", lee, "{\"slug\":\"invite\"}", 400));
        assertThat(reserved.get("code").asText()).isEqualTo("SLUG_RESERVED");
        assertThat(reserved.get("field").asText()).isEqualTo("slug");

        JsonNode saved = json(send("PUT", "/api/v1/distributors/me/profile", kim, "{\"slug\":\"kims-seats\",\"display_name\":\"Kim's Seats\","
                + "\"logo_url\":\"https://cdn.example.com/kim.png\",\"welcome_text\":\"Welcome!\"}", 200));
        assertThat(saved.get("links").get("own_link_base").asText()).isEqualTo("/r/kims-seats/");
        assertThat(sql.count("select count(*) from audit_log where action = 'BRAND_UPDATE' and target_id = '" + kimId + "'")).isEqualTo(1);

        JsonNode brand = json(send("GET", "/api/v1/public/brands/Kims-Seats", null, null, 200));
        assertThat(brand.get("display_name").asText()).isEqualTo("Kim's Seats");
        assertThat(brand.toString()).doesNotContain("price").doesNotContain("kim@example.com");
        send("GET", "/api/v1/public/brands/kim-lee", null, null, 404);

        JsonNode site = json(send("GET", "/api/v1/public/site", null, null, 200));
        assertThat(site.get("platform_name").asText()).as("INVITEHUB_PLATFORM_NAME, stored at the first start").isEqualTo("Seat Shop");
        assertThat(site.get("support_contact").asText()).isEqualTo("help@seats.example");
        assertThat(sql.count("select count(*) from platform_settings where platform_name = 'Seat Shop'")).isEqualTo(1);

        send("POST", "/api/v1/admin/code-plans", admin, "{\"name\":\"Public pack\",\"plan_type\":\"PUBLIC\",\"price\":\"19.90\","
                + "\"code_count\":1,\"code_max_uses\":1,\"validity_days\":30}", 201);
        send("POST", "/api/v1/admin/code-plans", admin, "{\"name\":\"Reseller pack\",\"price\":\"99.00\","
                + "\"code_count\":10,\"code_max_uses\":1,\"validity_days\":30}", 201);
        JsonNode plans = json(send("GET", "/api/v1/public/plans", null, null, 200));
        assertThat(plans).hasSize(1);
        assertThat(plans.get(0).get("name").asText()).isEqualTo("Public pack");
        assertThat(plans.get(0).get("price").asText()).isEqualTo("19.90");
    }

    @Test
    void anAdminsSettingsAreValidatedAuditedAndReadByTheShopAndTheReadSideAtOnce() throws Exception {
        String admin = login("admin", "admin-password");
        JsonNode before = json(send("GET", "/api/v1/admin/settings", admin, null, 200));
        assertThat(before.get("platform_name").asText()).isEqualTo("Seat Shop");
        assertThat(before.get("default_unit_price").asText()).as("INVITEHUB_DEFAULT_UNIT_PRICE_MINOR, stored at the first start").isEqualTo("0.00");
        assertThat(before.get("payment_window_minutes").asInt()).as("INVITEHUB_ORDER_PAYMENT_WINDOW").isEqualTo(15);
        assertThat(sql.count("select count(*) from platform_settings where default_unit_price_minor = 0 and payment_window_seconds = 900")).isEqualTo(1);

        String bad = "{\"platform_name\":\"Seat Shop\",\"support_contact\":\"help@seats.example\",\"announcement\":\"Closed on Sunday\","
                + "\"default_unit_price\":\"7.50\",\"payment_window_minutes\":1441}";
        assertThat(json(send("PUT", "/api/v1/admin/settings", admin, bad, 400)).get("field").asText()).isEqualTo("payment_window_minutes");
        assertThat(json(send("GET", "/api/v1/admin/settings", admin, null, 200))).as("a refused change changes nothing").isEqualTo(before);
        assertThat(json(send("GET", "/api/v1/public/site", null, null, 200)).get("announcement").isNull()).isTrue();

        JsonNode saved = json(send("PUT", "/api/v1/admin/settings", admin, bad.replace("1441", "45"), 200));
        assertThat(saved.get("default_unit_price").asText()).isEqualTo("7.50");
        assertThat(json(send("GET", "/api/v1/public/site", null, null, 200)).get("announcement").asText()).isEqualTo("Closed on Sunday");
        assertThat(json(send("GET", "/api/v1/admin/audit-log?action=SITE_UPDATE", admin, null, 200)).get("items").get(0).get("details").asText())
                .contains("default_unit_price=7.50 CNY", "payment_window=PT45M");

        String lee = login("lee", "lee-password");
        assertThat(json(send("GET", "/api/v1/distributors/me/summary", lee, null, 200)).get("unit_price").asText())
                .as("the read side's default price, without a restart").isEqualTo("7.50");
        assertThat(json(send("GET", "/api/v1/distributors/me/profile", lee, null, 200)).get("unit_price").asText()).isEqualTo("7.50");
        long planId = json(send("POST", "/api/v1/admin/code-plans", admin, "{\"name\":\"Window pack\",\"price\":\"9.00\","
                + "\"code_count\":1,\"code_max_uses\":1,\"validity_days\":30}", 201)).get("id").asLong();
        JsonNode order = json(send("POST", "/api/v1/distributors/me/code-orders", lee,
                "{\"plan_id\":" + planId + ",\"quantity\":1,\"pay_type\":\"alipay\"}", 201));
        assertThat(Instant.parse(order.get("expire_at").asText())).as("the shop's payment window, without a restart")
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(45)));
        send("PUT", "/api/v1/admin/settings", admin, bad.replace("1441", "15").replace("7.50", "0").replace(",\"announcement\":\"Closed on Sunday\"", ""), 200);
    }

    @Test
    void aCustomHostServesTheOwnLinkOnlyOnceAnAdminVerifiedIt() throws Exception {
        String admin = login("admin", "admin-password");
        long annId = json(send("POST", "/api/v1/admins/distributors/create", admin,
                "{\"username\":\"ann\",\"email\":\"ann@example.com\",\"password\":\"ann-password\"}", 201)).get("id").asLong();
        String ann = login("ann", "ann-password");
        send("PUT", "/api/v1/distributors/me/profile", ann, "{\"slug\":\"anns-seats\",\"custom_host\":\"Seats.Ann.Example\"}", 200);

        assertThat(rawGet("/r/HUB2-7KQ3-M9XH-2RTW", "seats.ann.example")).as("not verified yet: the plain page")
                .startsWith("HTTP/1.1 200").doesNotContain("invitehub-brand");
        assertThat(rawGet("/", "seats.ann.example")).startsWith("HTTP/1.1 302");
        send("GET", "/api/v1/public/custom-hosts/check?domain=seats.ann.example", null, null, 404);

        JsonNode hosts = json(send("GET", "/api/v1/admins/custom-hosts", admin, null, 200));
        assertThat(hosts.get("items").get(0).get("custom_host").asText()).isEqualTo("seats.ann.example");
        send("POST", "/api/v1/admins/distributors/" + annId + "/custom-host/verify", admin, "{\"custom_host\":\"seats.ann.example\"}", 200);

        String page = rawGet("/r/HUB2-7KQ3-M9XH-2RTW", "Seats.Ann.Example:443");
        assertThat(page).startsWith("HTTP/1.1 200").contains("<meta name=\"invitehub-brand\" content=\"anns-seats\">")
                .contains("Content-Security-Policy: default-src 'self'; script-src 'self' 'sha256-");
        assertThat(rawGet("/", "seats.ann.example")).as("the host's root is the brand page").startsWith("HTTP/1.1 200")
                .contains("content=\"anns-seats\"");
        assertThat(rawGet("/r/HUB2-7KQ3-M9XH-2RTW", "127.0.0.1:" + port)).as("the platform's own host").doesNotContain("invitehub-brand");
        assertThat(json(send("GET", "/api/v1/public/custom-hosts/check?domain=seats.ann.example", null, null, 200))
                .get("served").asBoolean()).isTrue();
        assertThat(json(send("GET", "/api/v1/distributors/me/profile", ann, null, 200)).get("links").get("own_link_base").asText())
                .isEqualTo("https://seats.ann.example/r/");

        send("POST", "/api/v1/admins/distributors/" + annId + "/suspend", admin, null, 200);
        assertThat(rawGet("/r/HUB2-7KQ3-M9XH-2RTW", "seats.ann.example")).as("a suspended distributor's host serves nothing of it")
                .doesNotContain("invitehub-brand");
    }

    @Test
    void aSessionIsRenewedUntilItsMaximumAndARevokedTokenIsNot() throws Exception {
        String admin = login("admin", "admin-password");
        send("POST", "/api/v1/admins/distributors/create", admin,
                "{\"username\":\"sam\",\"email\":\"sam@example.com\",\"password\":\"sam-password\"}", 201);
        JsonNode first = json(send("POST", "/api/v1/auth/login", null, "{\"username\":\"sam\",\"password\":\"sam-password\"}", 200));
        Instant signedIn = clock.instant();
        String token = first.get("access_token").asText();
        List<Long> lifetimes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            clock.advance(Duration.ofMinutes(55)); // the console renews five minutes before the end
            JsonNode renewed = json(send("POST", "/api/v1/auth/renew", token, null, 200));
            token = renewed.get("access_token").asText();
            lifetimes.add(renewed.get("expires_in").asLong());
            send("GET", "/api/v1/auth/me", token, null, 200);
        }
        // INVITEHUB_SESSION_MAX=2h: at 55 minutes a whole new hour; at 110 minutes only the ten left of the session
        assertThat(lifetimes).containsExactly(3600L, 600L);
        assertThat(clock.instant().plusSeconds(lifetimes.get(1))).isEqualTo(signedIn.plus(Duration.ofHours(2)));
        clock.advance(Duration.ofMinutes(11));
        JsonNode over = json(send("POST", "/api/v1/auth/renew", token, null, 401));
        assertThat(over.get("code").asText()).isEqualTo("UNAUTHORIZED");

        String fresh = login("sam", "sam-password");
        send("POST", "/api/v1/auth/change-password", fresh, "{\"old_password\":\"sam-password\",\"new_password\":\"sam-password-2\"}", 204);
        send("POST", "/api/v1/auth/renew", fresh, null, 401);
    }

    @Test
    void aPlainDateInTheSalesFilterIsABusinessDayAndTodayMatchesTheDashboard() throws Exception {
        String admin = login("admin", "admin-password");
        long danId = json(send("POST", "/api/v1/admins/distributors/create", admin,
                "{\"username\":\"dan\",\"email\":\"dan@example.com\",\"password\":\"dan-password\"}", 201)).get("id").asLong();
        JsonNode codes = json(send("POST", "/api/v1/distributors/" + danId + "/grant-codes", admin,
                "{\"count\":2,\"max_uses\":1,\"validity_days\":30}", 201)).get("codes");
        clock.set(BEFORE_MIDNIGHT);
        send("POST", "/api/v1/public/redeem", null, "{\"code\":\"" + codes.get(0).asText() + "\",\"email\":\"late@example.com\"}", 200);
        clock.set(BEFORE_MIDNIGHT.plusSeconds(60)); // 00:00:30 in Shanghai on 2025-03-02; 16:00:30 on 2025-03-01 in UTC
        send("POST", "/api/v1/public/redeem", null, "{\"code\":\"" + codes.get(1).asText() + "\",\"email\":\"early@example.com\"}", 200);
        String dan = login("dan", "dan-password");

        JsonNode summary = json(send("GET", "/api/v1/distributors/me/summary", dan, null, 200));
        assertThat(summary.get("business_day").asText()).isEqualTo("2025-03-02");
        JsonNode today = json(send("GET", "/api/v1/distributors/me/sales?from=2025-03-02&to=2025-03-02", dan, null, 200)).get("items");
        assertThat(today).extracting(s -> s.get("email").asText()).containsExactly("early@example.com");
        assertThat((long) today.size()).as("the list's today is the dashboard's today").isEqualTo(summary.get("today").get("redeemed").asLong());
        JsonNode yesterday = json(send("GET", "/api/v1/distributors/me/sales?from=2025-03-01&to=2025-03-01", dan, null, 200)).get("items");
        assertThat(yesterday).extracting(s -> s.get("email").asText()).containsExactly("late@example.com");
        JsonNode utcDay = json(send("GET", "/api/v1/distributors/me/sales?from=2025-03-01T00:00:00Z&to=2025-03-02T00:00:00Z", dan, null, 200))
                .get("items");
        assertThat(utcDay).as("a timestamp is still a moment").hasSize(2);
    }

    // ---- HTTP ------------------------------------------------------------------------------------

    private static String login(String username, String password) throws Exception {
        return json(send("POST", "/api/v1/auth/login", null, "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", 200))
                .get("access_token").asText();
    }

    private static HttpResponse<String> send(String method, String path, String token, String body, int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** A GET with this {@code Host} header (java.net.http refuses to send one of its own), the whole answer as text. */
    private static String rawGet(String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.invitehub.bootstrap.ReadSideWorld.json;
import static io.invitehub.bootstrap.ReadSideWorld.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inputs issue 10 found reaching a 500 (a U+0000 in a string PostgreSQL stores or compares, a date
 * outside PostgreSQL's range, a 3 KB key for a btree), each refused at the edge with a 400 problem naming
 * the field and nothing written; the content types a route accepts; HEAD on a protected route; and the
 * response headers (no-store, nosniff, the pages' CSP). On real PostgreSQL over real HTTP. The walk over
 * every route is {@link EdgeFuzzTest}.
 */
class EdgeValidationHttpTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String NUL = "\\u0000";
    private static ReadSideWorld w;

    @BeforeAll
    static void start() throws Exception {
        w = new ReadSideWorld();
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    // ---- U+0000 in strings that reach PostgreSQL ---------------------------------------------------

    @Test
    void aNulInTheLoginUsernameIsRefusedNamingTheField() throws Exception {
        assertRefused(w.send("POST", "/api/v1/auth/login", null, "{\"username\":\"adm" + NUL + "in\",\"password\":\"whatever-pw\"}"),
                "username");
        assertRefused(send("POST", "/api/v1/auth/login", null, "application/x-www-form-urlencoded", "username=adm%00in&password=whatever"),
                "username");
    }

    @Test
    void aNulInTheVerificationCodesEmailIsRefused() throws Exception {
        long before = rows("email_verifications");
        assertRefused(w.send("POST", "/api/v1/auth/send-verification-code", null, "{\"email\":\"sign" + NUL + "up@example.com\"}"), "email");
        assertThat(rows("email_verifications")).isEqualTo(before);
    }

    @Test
    void aNulInAnyFieldOfTheSignUpIsRefused() throws Exception {
        long users = rows("users");
        assertRefused(w.send("POST", "/api/v1/auth/register-distributor", null,
                "{\"email\":\"new" + NUL + "@example.com\",\"username\":\"newcomer\",\"password\":\"long-enough-pw\",\"code\":\"123456\"}"), "email");
        assertRefused(w.send("POST", "/api/v1/auth/register-distributor", null,
                "{\"email\":\"new@example.com\",\"username\":\"newcomer\",\"password\":\"long-enough-pw\",\"code\":\"12" + NUL + "3456\"}"), "code");
        assertRefused(w.send("POST", "/api/v1/auth/register-distributor", null,
                "{\"email\":\"new@example.com\",\"username\":\"new" + NUL + "comer\",\"password\":\"long-enough-pw\",\"code\":\"123456\"}"), "username");
        assertThat(rows("users")).isEqualTo(users);
    }

    @Test
    void aNulInTheRedeemEmailIsRefusedAsJsonAndAsAForm() throws Exception {
        long invitations = rows("invitations");
        String code = w.sql.text("select code from redeem_codes where owner_id = " + w.aId + " and used_count = 0 limit 1");
        assertRefused(w.send("POST", "/api/v1/public/redeem", null, "{\"code\":\"" + code + "\",\"email\":\"x" + NUL + "@example.com\"}"),
                "email");
        assertRefused(send("POST", "/api/v1/public/redeem", null, "application/x-www-form-urlencoded", "code=" + code + "&email=x%00@example.com"),
                "email");
        assertRefused(w.send("POST", "/api/v1/public/rebind", null, "{\"code\":\"" + code + "\",\"email\":\"x" + NUL + "@example.com\"}"),
                "email");
        assertRefused(w.get("/api/v1/public/status?code=" + code + "&email=x%00@example.com", null), "email");
        assertThat(rows("invitations")).isEqualTo(invitations);
    }

    @Test
    void aNulInTheSearchFiltersIsRefused() throws Exception {
        assertRefused(w.get("/api/v1/distributors/me/sales?q=a%00", w.a), "q");
        assertRefused(w.get("/api/v1/distributors/me/members?q=a%00", w.a), "q");
        assertRefused(w.get("/api/v1/distributors/me/codes?q=HUB%00", w.a), "q");
        assertRefused(w.get("/api/v1/redeem-codes?distributor_id=" + w.aId + "&q=%00", w.admin), "q");
        assertRefused(w.get("/api/v1/distributors/" + w.aId + "/sales?q=%01", w.admin), "q");
    }

    @Test
    void aNulInTeamPlanNoteAndBlocklistFieldsIsRefusedAndNothingIsWritten() throws Exception {
        long teams = rows("teams");
        long plans = rows("plans");
        long codes = rows("redeem_codes");
        long blocks = w.sql.count("select count(*) from blocked_recipients");
        assertRefused(w.send("POST", "/api/v1/admin/teams", w.admin,
                "{\"name\":\"Team" + NUL + "\",\"provider_account_id\":\"acct-nul\",\"max_seats\":5}"), "name");
        assertRefused(w.send("POST", "/api/v1/admin/teams", w.admin,
                "{\"name\":\"Team Nul\",\"provider_account_id\":\"acct" + NUL + "\",\"max_seats\":5}"), "provider_account_id");
        long team = w.sql.count("select min(id) from teams");
        assertRefused(w.send("PATCH", "/api/v1/admin/teams/" + team, w.admin, "{\"name\":\"Renamed" + NUL + "\"}"), "name");
        assertRefused(w.send("POST", "/api/v1/admin/team-groups", w.admin, "{\"name\":\"group" + NUL + "\"}"), "name");
        assertRefused(w.send("POST", "/api/v1/admin/code-plans", w.admin, ReadSideWorld.PLAN.replace("Matrix pack", "Pack" + NUL)), "name");
        assertRefused(w.send("POST", "/api/v1/admin/code-plans", w.admin,
                ReadSideWorld.PLAN.replace("}", ",\"description\":\"about" + NUL + "\"}")), "description");
        assertRefused(w.send("POST", "/api/v1/redeem-codes", w.admin,
                "{\"count\":1,\"max_uses\":1,\"validity_days\":30,\"note\":\"note" + NUL + "\"}"), "note");
        assertRefused(w.send("POST", "/api/v1/admins/blocklist", w.admin, "{\"value\":\"spam" + NUL + ".example\"}"), "value");
        assertRefused(w.send("POST", "/api/v1/admins/blocklist", w.admin, "{\"value\":\"spam.example\",\"reason\":\"r" + NUL + "\"}"),
                "reason");
        assertThat(rows("teams")).isEqualTo(teams);
        assertThat(rows("plans")).isEqualTo(plans);
        assertThat(rows("redeem_codes")).isEqualTo(codes);
        assertThat(w.sql.count("select count(*) from blocked_recipients")).isEqualTo(blocks);
        assertThat(w.sql.count("select count(*) from team_groups where name like 'group%'")).isZero();
    }

    // ---- bounds ---------------------------------------------------------------------------------------

    @Test
    void aDateFarOutsidePostgresqlsRangeIsRefused() throws Exception {
        assertRefused(w.get("/api/v1/distributors/me/sales?from=%2B999999999-12-31T23:59:59Z", w.a), "from");
        assertRefused(w.get("/api/v1/distributors/me/sales?to=-999999999-01-01", w.a), "to");
        assertRefused(w.get("/api/v1/distributors/" + w.aId + "/sales?from=0001-01-01", w.admin), "from");
        // the whole sane range is served
        ok(w.get("/api/v1/distributors/me/sales?from=1970-01-01&to=9999-12-31", w.a), 200);
        ok(w.get("/api/v1/distributors/me/sales?from=1970-01-01T00:00:00Z&to=9999-12-31T23:59:59Z", w.a), 200);
    }

    @Test
    void aProviderAccountIdOfThreeKilobytesNeverReachesTheIndex() throws Exception {
        long teams = rows("teams");
        // random letters: a btree entry of repeated ones would be compressed below the limit
        java.util.Random random = new java.util.Random(10);
        StringBuilder id = new StringBuilder();
        while (id.length() < 3000) {
            id.append((char) ('a' + random.nextInt(26))).append((char) ('A' + random.nextInt(26))).append(random.nextInt(10));
        }
        assertRefused(w.send("POST", "/api/v1/admin/teams", w.admin,
                "{\"name\":\"Long\",\"provider_account_id\":\"" + id + "\",\"max_seats\":5}"), "provider_account_id");
        assertThat(rows("teams")).isEqualTo(teams);
    }

    @Test
    void hugeAndNegativeNumbersWrongTypesAndUnknownFieldsNameTheField() throws Exception {
        assertRefused(w.send("POST", "/api/v1/redeem-codes", w.admin, "{\"count\":1e30,\"max_uses\":1,\"validity_days\":30}"), "count");
        assertRefused(w.send("POST", "/api/v1/redeem-codes", w.admin,
                "{\"count\":99999999999999999999999,\"max_uses\":1,\"validity_days\":30}"), "count");
        assertRefused(w.send("POST", "/api/v1/redeem-codes", w.admin, "{\"count\":-1,\"max_uses\":1,\"validity_days\":30}"), "count");
        assertRefused(w.send("POST", "/api/v1/redeem-codes", w.admin, "{\"count\":\"1\",\"max_uses\":1,\"validity_days\":30}"), "count");
        assertRefused(w.send("POST", "/api/v1/redeem-codes", w.admin, "{\"count\":1,\"max_uses\":1,\"validity_days\":30,\"note\":7}"), "note");
        assertRefused(w.send("POST", "/api/v1/redeem-codes", w.admin, "{\"count\":1,\"max_uses\":1,\"validity_days\":30,\"prefix\":\"X\"}"),
                "prefix");
        assertRefused(w.send("DELETE", "/api/v1/redeem-codes/batch", w.admin, "{\"ids\":[1,\"2\"]}"), "ids");
        assertRefused(w.get("/api/v1/distributors/me/sales-trend?days=-5", w.a), "days");
        assertRefused(w.get("/api/v1/distributors/me/sales?limit=99999999999999999999", w.a), "limit");
        assertRefused(w.get("/api/v1/redeem-codes/99999999999999999999/records", w.admin), "id");
    }

    // ---- content types and HEAD -----------------------------------------------------------------------

    @Test
    void aBodyOfAnotherContentTypeThanTheRouteDeclaresIsA415() throws Exception {
        String code = w.sql.text("select code from redeem_codes where owner_id = " + w.aId + " and used_count = 0 limit 1");
        assertUnsupported(send("POST", "/api/v1/public/redeem", null, "text/plain", "{\"code\":\"" + code + "\",\"email\":\"t@example.com\"}"));
        assertUnsupported(send("POST", "/api/v1/auth/send-verification-code", null, "application/x-www-form-urlencoded", "email=t@example.com"));
        assertUnsupported(send("POST", "/api/v1/admin/team-groups", w.admin, "application/xml", "<name>x</name>"));
        assertUnsupported(send("POST", "/api/v1/public/shop/notify", null, "application/json", "{\"out_trade_no\":\"x\"}"));
        assertUnsupported(send("POST", "/api/v1/admins/distributors/" + w.spareId + "/approve", w.admin, "text/plain", "please"));
        assertThat(w.sql.count("select count(*) from invitations where email = 't@example.com'")).isZero();
    }

    @Test
    void headOnAProtectedRouteAnswersAsGetWould() throws Exception {
        assertThat(send("HEAD", "/api/v1/auth/me", null, null, null).statusCode()).isEqualTo(401);
        assertThat(send("HEAD", "/api/v1/admin/teams", null, null, null).statusCode()).isEqualTo(401);
        assertThat(send("HEAD", "/api/v1/admin/teams", w.a, null, null).statusCode()).isEqualTo(403);
        assertThat(send("HEAD", "/api/v1/auth/me", w.a, null, null).statusCode()).isEqualTo(200);
        assertThat(send("HEAD", "/api/v1/public/seats", null, null, null).statusCode()).isEqualTo(200);
    }

    // ---- response headers ---------------------------------------------------------------------------

    @Test
    void tokensAndPrivateDataAreNeverStoredAndNothingIsSniffed() throws Exception {
        HttpResponse<String> login = send("POST", "/api/v1/auth/login", null, "application/x-www-form-urlencoded",
                "username=dist-a&password=dist-a-pw");
        ok(login, 200);
        for (HttpResponse<String> response : new HttpResponse[]{login, w.get("/api/v1/auth/me", w.a),
                w.get("/api/v1/distributors/me/summary", w.a), w.get("/api/v1/admin/teams", w.admin),
                w.get("/api/v1/auth/me", null), w.send("POST", "/api/v1/auth/login", null, "{\"username\":\"dist-a\",\"password\":\"wrong-pw\"}"),
                w.get("/api/v1/public/seats", null)}) {
            assertThat(response.headers().firstValue("Cache-Control")).as(response.uri() + " " + response.statusCode()).hasValue("no-store");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(response.uri().toString()).hasValue("nosniff");
        }
        for (HttpResponse<String> response : new HttpResponse[]{w.get("/api/v1/nothing-here", null), w.get("/health", null),
                send("OPTIONS", "/api/v1/auth/me", null, null, null), send("GET", "/api/v1/public/invitations/%00", null, null, null)}) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(response.uri() + " " + response.statusCode()).hasValue("nosniff");
        }
    }

    @Test
    void htmlPagesForbidFramingAndForeignScriptsAndThePayPagesOwnScriptIsAllowedByItsHash() throws Exception {
        String payUrl = json(ok(w.get("/api/v1/distributors/me/code-orders/" + w.aOrder, w.a), 200)).get("pay_url").asText();
        HttpResponse<String> payPage = CLIENT.send(HttpRequest.newBuilder(URI.create(payUrl)).build(), HttpResponse.BodyHandlers.ofString());
        ok(payPage, 200);
        String policy = payPage.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'self'", "frame-ancestors 'none'", "style-src 'self' 'unsafe-inline'", "img-src 'self' https: data:")
                .doesNotContain("'unsafe-eval'").doesNotContainPattern("script-src[^;]*'unsafe-inline'");
        Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(payPage.body());
        assertThat(script.find()).as("the pay page has its one inline script").isTrue();
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(script.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(policy).as("the browser runs the script only if its hash is in script-src").contains("script-src 'self' 'sha256-" + hash + "'");
        assertThat(script.find()).as("no other inline script").isFalse();
        assertThat(payPage.body()).doesNotContainPattern("(?i)\\son[a-z]+=");

        HttpResponse<String> returnPage = w.get("/api/v1/public/shop/return", null);
        assertThat(returnPage.headers().firstValue("Content-Security-Policy")).hasValue(
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; frame-ancestors 'none'");
        assertThat(returnPage.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(w.get("/api/v1/public/seats", null).headers().firstValue("Content-Security-Policy")).isEmpty();
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static long rows(String table) {
        return w.sql.count("select count(*) from " + table);
    }

    private static HttpResponse<String> send(String method, String path, String authorization, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(w.base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertRefused(HttpResponse<String> response, String field) throws Exception {
        String what = response.request().method() + " " + response.uri() + " -> " + response.statusCode() + " " + response.body();
        assertThat(response.statusCode()).as(what).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("code").asText()).as(what).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.path("field").asText()).as(what).isEqualTo(field);
        assertThat(problem.path("detail").asText()).as(what).contains(field);
    }

    private static void assertUnsupported(HttpResponse<String> response) throws Exception {
        String what = response.request().method() + " " + response.uri() + " -> " + response.statusCode() + " " + response.body();
        assertThat(response.statusCode()).as(what).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
        assertThat(json(response).path("code").asText()).as(what).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }
}

package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.application.fakes.RecordingMailer;
import io.invitehub.library.config.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation flow over real HTTP on a random port, against real PostgreSQL, with the dispatcher
 * running: staff create a team, a distributor and codes; a customer redeems and is invited.
 */
class EndToEndHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final RecordingMailer MAILER = new RecordingMailer();
    private static InviteHub hub;
    private static io.invitehub.adapter.out.persistence.PersistenceSettings db;
    private static String base;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        Settings settings = TestHubs.settings(Map.of("INVITEHUB_SIM_ACCEPT_DELAY", "1h"));
        db = TestHubs.freshDatabase();
        hub = InviteHub.builder(settings).persistence(db).mailer(MAILER).start();
        hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        base = "http://127.0.0.1:" + hub.httpPort().orElseThrow();
        admin = bearer(login("admin", "admin-password"));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void aCustomerRedeemsAGrantedCodeAndIsInvitedIntoTheTeam() throws Exception {
        HttpResponse<String> team = post("/api/v1/admin/teams", admin,
                "{\"name\":\"Team One\",\"provider_account_id\":\"acct-e2e-1\",\"credentials\":\"s3cret-token\",\"max_seats\":3}");
        assertThat(team.statusCode()).isEqualTo(201);
        assertThat(team.body()).doesNotContain("s3cret-token");

        HttpResponse<String> distributor = post("/api/v1/admins/distributors/create", admin,
                "{\"username\":\"dist-one\",\"email\":\"dist-one@example.com\",\"password\":\"distributor-pw\"}");
        assertThat(distributor.statusCode()).isEqualTo(201);
        long distributorId = json(distributor).get("id").asLong();

        HttpResponse<String> grant = post("/api/v1/distributors/" + distributorId + "/grant-codes", admin,
                "{\"count\":3,\"max_uses\":1,\"validity_days\":30}");
        assertThat(grant.statusCode()).isEqualTo(201);
        JsonNode codes = json(grant).get("codes");
        assertThat(codes).hasSize(3);
        String code = codes.get(0).asText();

        HttpResponse<String> redeemed = post("/api/v1/public/redeem", null,
                "{\"code\":\"" + code.toLowerCase() + "\",\"email\":\" Customer@Example.com \"}");
        assertThat(redeemed.statusCode()).isEqualTo(200);
        JsonNode body = json(redeemed);
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("state").asText()).isEqualTo("INVITE_QUEUED");
        assertThat(body.get("team_name").asText()).isEqualTo("Team One");
        assertThat(body.get("remaining_days").asLong()).isEqualTo(30);
        String invitationId = body.get("invitation_id").asText();

        // the dispatcher sends the invite after commit; poll like a client would
        JsonNode invitation = awaitState(invitationId, "INVITED");
        assertThat(invitation.get("team_name").asText()).isEqualTo("Team One");
        assertThat(invitation.hasNonNull("invited_at")).isTrue();

        // a repeat with the same code and e-mail is idempotent
        HttpResponse<String> again = post("/api/v1/public/direct-redeem", null,
                "{\"code\":\"" + code + "\",\"email\":\"customer@example.com\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("invitation_id").asText()).isEqualTo(invitationId);

        // status needs the bound e-mail; another e-mail gets the same answer as an unknown code
        HttpResponse<String> status = get("/api/v1/public/status?code=" + code + "&email=customer@example.com");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(json(status).get("used_count").asInt()).isEqualTo(1);
        HttpResponse<String> otherEmail = get("/api/v1/public/status?code=" + code + "&email=intruder@example.com");
        assertThat(otherEmail.statusCode()).isEqualTo(404);
        assertThat(json(otherEmail).get("code").asText()).isEqualTo("NOT_FOUND");

        // the code is bound: another e-mail is refused with the bound e-mail masked
        HttpResponse<String> mismatch = post("/api/v1/public/redeem", null,
                "{\"code\":\"" + code + "\",\"email\":\"someone.else@example.com\"}");
        assertThat(mismatch.statusCode()).isEqualTo(409);
        assertThat(mismatch.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json(mismatch).get("code").asText()).isEqualTo("EMAIL_MISMATCH");
        assertThat(json(mismatch).get("bound_email").asText()).isEqualTo("c***r@example.com");

        HttpResponse<String> seats = get("/api/v1/public/seats");
        assertThat(json(seats).get("used_seats").asLong()).isEqualTo(1);
        assertThat(json(seats).get("total_seats").asLong()).isEqualTo(3);
    }

    @Test
    void malformedInputIsRefusedWith400AndUnknownCodesWith404() throws Exception {
        String valid = io.invitehub.domain.code.Code.compose("HUB", "23456789ABC").value();
        char last = valid.charAt(valid.length() - 1);
        String mistyped = valid.substring(0, valid.length() - 1) + (last == 'Z' ? 'Y' : 'Z');
        HttpResponse<String> typo = post("/api/v1/public/redeem", null, "{\"code\":\"" + mistyped + "\",\"email\":\"a@example.com\"}");
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(json(typo).get("code").asText()).isEqualTo("INVALID_CODE");
        // looked up among imported codes only (ADR 32), then refused as before
        assertThat(json(typo).get("detail").asText()).isEqualTo("code is mistyped (check character does not match)");

        HttpResponse<String> badEmail = post("/api/v1/public/redeem", null, "{\"code\":\"" + valid + "\",\"email\":\"not-an-email\"}");
        assertThat(badEmail.statusCode()).isEqualTo(400);

        String unknown = io.invitehub.domain.code.Code.compose("HUB", "23456789ABC").display();
        HttpResponse<String> missing = post("/api/v1/public/redeem", null, "{\"code\":\"" + unknown + "\",\"email\":\"a@example.com\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("code").asText()).isEqualTo("INVALID_CODE");
        assertThat(json(missing).get("detail").asText()).isNotBlank();
    }

    @Test
    void staffEndpointsRequireCredentials() throws Exception {
        HttpResponse<String> anonymous = post("/api/v1/admin/teams", null,
                "{\"name\":\"X\",\"provider_account_id\":\"acct-x\",\"max_seats\":3}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
        String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:admin-password".getBytes(StandardCharsets.UTF_8));
        assertThat(post("/api/v1/redeem-codes", wrong, "{\"count\":1,\"max_uses\":1,\"validity_days\":30}").statusCode()).isEqualTo(401);
        assertThat(hub.teams().listTeams()).noneMatch(t -> t.providerAccountId().equals("acct-x"));
    }

    @Test
    void aDistributorSignsUpIsApprovedActsAndIsCutOffBySuspension() throws Exception {
        HttpResponse<String> sent = post("/api/v1/auth/send-verification-code", null, "{\"email\":\"New.Shop@Example.com\"}");
        assertThat(sent.statusCode()).isEqualTo(200);
        String code = MAILER.lastCodeFor("new.shop@example.com");
        assertThat(code).matches("^[0-9]{6}$");

        HttpResponse<String> registered = post("/api/v1/auth/register-distributor", null,
                "{\"email\":\"new.shop@example.com\",\"username\":\"new-shop\",\"password\":\"shop-password\",\"code\":\"" + code + "\"}");
        assertThat(registered.statusCode()).isEqualTo(201);
        long id = json(registered).get("id").asLong();
        assertThat(json(registered).get("approval").asText()).isEqualTo("PENDING");

        HttpResponse<String> tooEarly = postForm("/api/v1/auth/login", "username=new-shop&password=shop-password");
        assertThat(tooEarly.statusCode()).isEqualTo(403);
        assertThat(json(tooEarly).get("detail").asText()).isEqualTo("This distributor account is pending: an admin has not approved it yet.");

        HttpResponse<String> pending = get("/api/v1/admins/pending-distributors", admin);
        assertThat(pending.body()).isEqualTo("{\"items\":[{\"id\":" + id + ",\"username\":\"new-shop\",\"email\":\"new.shop@example.com\","
                + "\"role\":\"DISTRIBUTOR\",\"approval\":\"PENDING\"}],\"next_cursor\":null}");
        HttpResponse<String> approved = post("/api/v1/admins/distributors/" + id + "/approve", admin, "");
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(json(approved).get("approval").asText()).isEqualTo("APPROVED");

        String token = login("new-shop", "shop-password");
        HttpResponse<String> me = get("/api/v1/auth/me", bearer(token));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).isEqualTo("{\"id\":" + id + ",\"username\":\"new-shop\",\"email\":\"new.shop@example.com\","
                + "\"role\":\"DISTRIBUTOR\",\"approval\":\"APPROVED\"}");
        assertThat(get("/api/v1/admin/teams", bearer(token)).statusCode()).isEqualTo(403);

        assertThat(post("/api/v1/admins/distributors/" + id + "/suspend", admin, "").statusCode()).isEqualTo(200);
        HttpResponse<String> revoked = get("/api/v1/auth/me", bearer(token));
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"InviteHub\"");
        assertThat(json(revoked).get("detail").asText()).isEqualTo("The token was revoked; sign in again.");
        assertThat(postForm("/api/v1/auth/login", "username=new-shop&password=shop-password").statusCode()).isEqualTo(403);

        // it has no codes, orders or invitations yet: an admin may delete it; the audit log has the whole story
        assertThat(post("/api/v1/admins/distributors/" + id + "/reactivate", admin, "").statusCode()).isEqualTo(200);
        HttpResponse<String> deleted = delete("/api/v1/admins/distributors/" + id, admin);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(new Sql(db).text("select string_agg(action || ':' || coalesce(actor_role, '-'), ',' order by id) from audit_log"
                + " where target_type = 'USER' and target_id = '" + id + "'"))
                .isEqualTo("DISTRIBUTOR_REGISTER:DISTRIBUTOR,DISTRIBUTOR_APPROVE:ADMIN,DISTRIBUTOR_SUSPEND:ADMIN,"
                        + "DISTRIBUTOR_REACTIVATE:ADMIN,DISTRIBUTOR_DELETE:ADMIN");
    }

    @Test
    void aDistributorWithCodesCannotBeDeletedAndAPasswordChangeEndsOldTokens() throws Exception {
        HttpResponse<String> created = post("/api/v1/admins/distributors/create", admin,
                "{\"username\":\"dist-two\",\"email\":\"dist-two@example.com\",\"password\":\"distributor-pw\"}");
        long id = json(created).get("id").asLong();
        assertThat(post("/api/v1/distributors/" + id + "/grant-codes", admin, "{\"count\":1,\"max_uses\":1,\"validity_days\":30}")
                .statusCode()).isEqualTo(201);

        HttpResponse<String> refused = delete("/api/v1/admins/distributors/" + id, admin);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("detail").asText())
                .isEqualTo("This distributor has codes, orders or invitations; deleting it would orphan them. Suspend it instead.");

        String token = login("dist-two", "distributor-pw");
        HttpResponse<String> changed = post("/api/v1/auth/change-password", bearer(token),
                "{\"old_password\":\"distributor-pw\",\"new_password\":\"another-password\"}");
        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/auth/me", bearer(token)).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/auth/me", bearer(login("dist-two", "another-password"))).statusCode()).isEqualTo(200);
    }

    @Test
    void readinessReportsTheDatabaseTheMigrationsAndRedisLivenessNothing() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).get("checks").get("database").asText()).isEqualTo("UP");
        assertThat(json(ready).get("checks").get("migrations").asText()).isEqualTo("UP");
        assertThat(json(ready).get("checks").get("redis").asText()).isEqualTo("NOT_CONFIGURED");
        assertThat(ready.headers().firstValue("X-Request-Id")).as("every answer names its request").isPresent();
    }

    private static JsonNode awaitState(String invitationId, String state) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = json(get("/api/v1/public/invitations/" + invitationId));
            if (state.equals(last.get("state").asText())) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("invitation did not reach " + state + ": " + last);
    }

    private static HttpResponse<String> post(String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> delete(String path, String authorization) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postForm(String path, String form) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in with the reference clients' form and returns the access token. */
    private static String login(String username, String password) throws Exception {
        HttpResponse<String> response = postForm("/api/v1/auth/login", "username=" + username + "&password=" + password);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("token_type").asText()).isEqualTo("bearer");
        return json(response).get("access_token").asText();
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}

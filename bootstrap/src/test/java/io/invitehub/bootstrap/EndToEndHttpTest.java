package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.bootstrap.config.Settings;
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
    private static InviteHub hub;
    private static String base;
    private static String admin;

    @BeforeAll
    static void start() {
        Settings settings = TestHubs.settings(Map.of("INVITEHUB_SIM_ACCEPT_DELAY", "1h"));
        hub = InviteHub.builder(settings).persistence(TestHubs.freshDatabase()).start();
        hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        base = "http://127.0.0.1:" + hub.httpPort().orElseThrow();
        admin = "Basic " + Base64.getEncoder().encodeToString("admin:admin-password".getBytes(StandardCharsets.UTF_8));
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
        String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8));
        assertThat(post("/api/v1/redeem-codes", wrong, "{\"count\":1,\"max_uses\":1,\"validity_days\":30}").statusCode()).isEqualTo(401);
        assertThat(hub.teams().listTeams()).noneMatch(t -> t.providerAccountId().equals("acct-x"));
    }

    @Test
    void healthReportsTheDatabase() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("database").asText()).isEqualTo("UP");
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

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}

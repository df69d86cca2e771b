package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.provider.simulated.SimulatedTeamProvider;
import io.invitehub.adapter.out.provider.simulated.SimulationSettings;
import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.fakes.MutableClock;
import io.invitehub.application.fakes.RecordingMailer;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.User;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A hub for the reference dialect's tests, on real PostgreSQL with HTTP and the simulated provider, driven
 * step by step (workers off, a clock the test moves): two teams of five seats; distributors A and B with
 * codes; A's first three customers and B's first one invited and then JOINED (the acceptance sync ran two
 * hours later); A's fourth customer redeemed afterwards (seat reserved, invite not sent yet). Staff and
 * distributor tokens are taken after the clock moved, so they stay valid for the test.
 */
final class ReferenceWorld implements AutoCloseable {
    static final String REF = "/reference/api/v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    final RecordingMailer mailer = new RecordingMailer();
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
    final InviteHub hub;
    final Sql sql;
    final String base;
    final Team alpha;
    final Team beta;
    final User a;
    final User b;
    /** A's codes: 0–2 JOINED (a0–a2), 3 RESERVED (a3), 4–5 unused. */
    final List<Code> aCodes;
    /** B's codes: 0 JOINED (b0), 1–2 unused. */
    final List<Code> bCodes;
    final String admin;
    final String operator;
    final String aToken;
    final String bToken;
    final long planId;

    ReferenceWorld() throws Exception {
        SimulatedTeamProvider provider = new SimulatedTeamProvider(SimulationSettings.defaults().withLatency(Duration.ZERO, Duration.ZERO)
                .withAcceptanceDelay(Duration.ofHours(1)), clock, new Random(15));
        PersistenceSettings db = TestHubs.freshDatabase();
        sql = new Sql(db);
        // a removed member may be re-invited at once here (the cooldown has its own tests)
        hub = InviteHub.builder(TestHubs.settings(Map.of("INVITEHUB_REINVITE_COOLDOWN", "1ms"))).persistence(db).teamProvider(provider).clock(clock).mailer(mailer)
                .workers(false).start();
        hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        base = "http://127.0.0.1:" + hub.httpPort().orElseThrow();

        alpha = hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "Alpha", "acct-alpha", "token-alpha", 5, Optional.empty()));
        beta = hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "Beta", "acct-beta", "token-beta", 5, Optional.empty()));
        a = hub.distributors().create(Actor.system(), "dist-a", "dist-a@example.com", "dist-a-password".toCharArray());
        b = hub.distributors().create(Actor.system(), "dist-b", "dist-b@example.com", "dist-b-password".toCharArray());
        User op = hub.distributors().create(Actor.system(), "operator", "operator@example.com", "operator-password".toCharArray());
        sql.execute("update users set role = 'OPERATOR', approval = null where id = " + op.id().value());
        aCodes = issue(a, 6);
        bCodes = issue(b, 3);
        for (int i = 0; i < 3; i++) {
            redeem(aCodes.get(i), "a" + i + "@example.com");
        }
        redeem(bCodes.get(0), "b0@example.com");
        hub.dispatcher().dispatchBatch();
        clock.advance(Duration.ofHours(2)); // the customers accepted at the provider
        hub.acceptanceSync().syncTeam(alpha.id());
        hub.acceptanceSync().syncTeam(beta.id());
        redeem(aCodes.get(3), "a3@example.com");

        admin = login("admin", "admin-password");
        operator = login("operator", "operator-password");
        aToken = login("dist-a", "dist-a-password");
        bToken = login("dist-b", "dist-b-password");
        planId = json(ok(send("POST", "/api/v1/admin/code-plans", admin, "{\"name\":\"Starter pack\",\"price\":\"99.00\","
                + "\"original_price\":\"129.00\",\"code_count\":10,\"code_max_uses\":1,\"validity_days\":30,\"recommended\":true,"
                + "\"description\":\"ten codes\"}"), 201)).get("id").asLong();
    }

    private List<Code> issue(User owner, int count) {
        return hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(Optional.of(owner.id()), 1, 30,
                Optional.empty(), Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.empty()), count));
    }

    void redeem(Code code, String email) throws Exception {
        ok(send("POST", "/api/v1/public/redeem", null, "{\"code\":\"" + code.display() + "\",\"email\":\"" + email + "\"}"), 200);
    }

    long codeId(Code code) {
        return sql.count("select id from redeem_codes where code = '" + code.value() + "'");
    }

    /** A bearer token through InviteHub's own login (a url-encoded form). */
    String login(String username, String password) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password)).build(),
                HttpResponse.BodyHandlers.ofString());
        return "Bearer " + json(ok(response, 200)).get("access_token").asText();
    }

    HttpResponse<String> get(String path, String authorization) throws Exception {
        return send("GET", path, authorization, null);
    }

    HttpResponse<String> send(String method, String path, String authorization, String jsonBody) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with this exact body and content type (forms, multipart, garbage). */
    HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** What the reference's client sends for its login: a {@code FormData}, so {@code multipart/form-data}. */
    HttpResponse<String> multipartLogin(String username, String password) throws Exception {
        String boundary = "----ReferenceClientBoundary7MA4YWxkTrZu0gW";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\n" + username + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n" + password + "\r\n"
                + "--" + boundary + "--\r\n";
        return post(REF + "/auth/login", "multipart/form-data; boundary=" + boundary, body.getBytes(StandardCharsets.UTF_8));
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

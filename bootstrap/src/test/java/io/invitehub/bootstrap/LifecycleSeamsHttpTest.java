package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.provider.simulated.SimulatedTeamProvider;
import io.invitehub.adapter.out.provider.simulated.SimulationSettings;
import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.fakes.MutableClock;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seams between the issue-4 pieces, over real HTTP on PostgreSQL: a seat freed by a removal or by
 * new credentials reaches the waiting queue through the wake-up alone (the promoter polls once an
 * hour here); a member moved by rebind stays visible and removable for its distributor only.
 */
class LifecycleSeamsHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private InviteHub hub;
    private Sql sql;
    private String base;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private SimulatedTeamProvider start(Clock clock, boolean workers) {
        SimulatedTeamProvider provider = new SimulatedTeamProvider(SimulationSettings.defaults().withLatency(Duration.ZERO, Duration.ZERO)
                .withAcceptanceDelay(Duration.ofHours(1)), clock, new Random(5));
        PersistenceSettings db = TestHubs.freshDatabase();
        sql = new Sql(db);
        hub = InviteHub.builder(TestHubs.settings(Map.of("INVITEHUB_QUEUE_POLL_INTERVAL", "1h", "INVITEHUB_SYNC_INTERVAL", "1h",
                        "INVITEHUB_LIFECYCLE_INTERVAL", "1h")))
                .persistence(db).teamProvider(provider).clock(clock).workers(workers).start();
        hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        base = "http://127.0.0.1:" + hub.httpPort().orElseThrow();
        return provider;
    }

    @Test
    void aRemovalAndNewCredentialsWakeThePromoterSoTheQueueMovesAtOnce() throws Exception {
        SimulatedTeamProvider provider = start(Clock.systemUTC(), true);
        String admin = login("admin", "admin-password");
        HttpResponse<String> created = send("POST", "/api/v1/admin/teams", admin,
                "{\"name\":\"One\",\"provider_account_id\":\"acct-one\",\"credentials\":\"token-one\",\"max_seats\":1}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("status").asText()).as("verified at creation").isEqualTo("ACTIVE");
        long team = json(created).get("id").asLong();
        User distributor = hub.distributors().create(Actor.system(), "seams", "seams@d.com", "long-enough-password".toCharArray());
        String reseller = login("seams", "long-enough-password");
        List<Code> codes = hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(Optional.of(distributor.id()), 1, 30,
                Optional.empty(), Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.empty()), 3));

        String first = redeem(codes.get(0), "first@example.com");
        awaitState(first, "INVITED");
        String second = redeem(codes.get(1), "second@example.com");
        assertThat(state(second)).isEqualTo("WAITING");

        HttpResponse<String> removed = send("POST", "/api/v1/distributors/me/members/remove", reseller,
                "{\"email\":\"first@example.com\",\"team_id\":" + team + ",\"reason\":\"private: owes me 300 yuan\"}");
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(json(removed).get("code_usage_restored").asBoolean()).isTrue();
        // the promoter polls once an hour: only the wake-up after the removal's commit explains this
        awaitState(second, "INVITED");
        // issue 10: the customer's poll shows a public end reason, never the distributor's private note
        HttpResponse<String> ended = send("GET", "/api/v1/public/invitations/" + first, null, null);
        assertThat(ended.body()).doesNotContain("owes me").doesNotContain("private").doesNotContain("distributor");
        assertThat(json(ended).get("state").asText()).isEqualTo("REMOVED");
        assertThat(json(ended).get("end_reason").asText()).isEqualTo("The member was removed from the team.");

        // a team whose token went bad: created TOKEN_INVALID, so the third customer waits
        provider.invalidateToken("acct-two");
        HttpResponse<String> bad = send("POST", "/api/v1/admin/teams", admin,
                "{\"name\":\"Two\",\"provider_account_id\":\"acct-two\",\"credentials\":\"stale-token\",\"max_seats\":2}");
        assertThat(bad.statusCode()).isEqualTo(201);
        assertThat(json(bad).get("status").asText()).isEqualTo("TOKEN_INVALID");
        long two = json(bad).get("id").asLong();
        String third = redeem(codes.get(2), "third@example.com");
        assertThat(state(third)).isEqualTo("WAITING");
        String sealedBefore = sql.text("select sealed_credentials from teams where id = " + two);

        HttpResponse<String> refused = send("PUT", "/api/v1/admin/teams/" + two + "/credentials", admin, "{\"credentials\":\"still-bad\"}");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json(refused).get("code").asText()).isEqualTo("CREDENTIALS_REJECTED");
        assertThat(sql.text("select status || ' ' || sealed_credentials from teams where id = " + two))
                .as("a refusal changes nothing").isEqualTo("TOKEN_INVALID " + sealedBefore);
        assertThat(send("PUT", "/api/v1/admin/teams/" + two + "/credentials", reseller, "{\"credentials\":\"x\"}").statusCode())
                .isEqualTo(403);

        provider.restore("acct-two"); // the operator fixed the workspace's token
        HttpResponse<String> fixed = send("PUT", "/api/v1/admin/teams/" + two + "/credentials", admin, "{\"credentials\":\"fresh-token\"}");
        assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(200);
        assertThat(fixed.body()).doesNotContain("fresh-token");
        assertThat(json(fixed).get("status").asText()).isEqualTo("ACTIVE");
        awaitState(third, "INVITED");
        assertThat(sql.count("select count(*) from teams where id = " + two + " and sealed_credentials like 'ih1.%'"
                + " and sealed_credentials <> '" + sealedBefore + "' and position('fresh-token' in sealed_credentials) = 0")).isEqualTo(1);
        assertThat(sql.texts("select action || ': ' || details from audit_log where target_type = 'TEAM' and target_id = '" + two
                + "' order by id")).containsExactly("TEAM_CREATE: name=Two, max_seats=2",
                "TEAM_CREDENTIALS_REFUSED: at creation, provider answered TOKEN_INVALID",
                "TEAM_CREDENTIALS: credentials replaced (verified by the provider); status TOKEN_INVALID -> ACTIVE");
    }

    @Test
    void aMemberMovedByRebindIsListedAndRemovableInTheNewTeamByItsDistributorOnly() throws Exception {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
        start(clock, false);
        Team from = hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "From", "acct-from", "t", 5, Optional.empty()));
        Team to = hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "To", "acct-to", "t", 5, Optional.empty()));
        User owner = hub.distributors().create(Actor.system(), "owner", "owner@d.com", "long-enough-password".toCharArray());
        hub.distributors().create(Actor.system(), "rival", "rival@d.com", "long-enough-password".toCharArray());
        Code code = hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(Optional.of(owner.id()), 1, 30,
                Optional.empty(), Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.empty()), 1)).get(0);
        hub.redeem().redeem(new RedeemCommand(code, Email.of("mover@example.com"), "10.9.0.1"));
        hub.dispatcher().dispatchBatch();
        clock.advance(Duration.ofHours(2)); // accepted at the provider
        hub.acceptanceSync().syncTeam(from.id());
        assertThat(sql.text("select state from invitations where not is_rebind")).isEqualTo("JOINED");
        String ownerToken = login("owner", "long-enough-password"); // after the clock moved: tokens are short-lived
        String rivalToken = login("rival", "long-enough-password");

        HttpResponse<String> rebind = send("POST", "/api/v1/public/rebind", null,
                "{\"code\":\"" + code.value() + "\",\"email\":\"mover@example.com\"}");
        assertThat(rebind.statusCode()).as(rebind.body()).isEqualTo(200);
        hub.dispatcher().dispatchBatch();

        // moving: both memberships are listed; removing either now is a conflict, nothing is given back
        assertThat(members(ownerToken)).containsExactly("To INVITED false", "From JOINED false");
        HttpResponse<String> early = remove(ownerToken, to);
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(json(early).get("detail").asText()).contains("moving to another team");
        assertThat(remove(ownerToken, from).statusCode()).isEqualTo(409);

        assertThat(hub.lifecycle().settleRebinds()).isEqualTo(1);

        assertThat(members(ownerToken)).containsExactly("To INVITED false", "From REBOUND true");
        assertThat(members(rivalToken)).isEmpty();
        assertThat(remove(rivalToken, to).statusCode()).isEqualTo(404);
        assertThat(sql.count("select used_count from redeem_codes")).isEqualTo(1);

        HttpResponse<String> removed = remove(ownerToken, to);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(json(removed).get("team_name").asText()).isEqualTo("To");
        assertThat(json(removed).get("code_usage_restored").asBoolean()).isTrue();
        HttpResponse<String> again = remove(ownerToken, to);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("code_usage_restored").asBoolean()).isFalse();
        assertThat(sql.count("select used_count from redeem_codes")).as("the use came back exactly once").isZero();
        assertThat(sql.count("select seats_reserved from teams where id = " + to.id().value())).isZero();
        assertThat(sql.count("select seats_reserved from teams where id = " + from.id().value())).isZero();
        assertThat(members(ownerToken)).containsExactly("To REMOVED true", "From REBOUND true");
        // sales keep one row per sale: the move is not a second one
        JsonNode sales = json(send("GET", "/api/v1/distributors/me/sales?limit=50", ownerToken, null)).get("items");
        assertThat(sales).hasSize(1);
        assertThat(sales.get(0).get("status").asText()).isEqualTo("REBOUND");
    }

    /** The distributor's members as "team status ended", newest first. */
    private List<String> members(String token) throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/distributors/me/members?limit=50", token, null);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> rows = new java.util.ArrayList<>();
        for (JsonNode m : json(response).get("items")) {
            rows.add(m.get("team_name").asText() + " " + m.get("status").asText() + " " + m.get("ended").asBoolean());
        }
        return rows;
    }

    private HttpResponse<String> remove(String token, Team team) throws Exception {
        return send("POST", "/api/v1/distributors/me/members/remove", token,
                "{\"email\":\"mover@example.com\",\"team_id\":" + team.id().value() + "}");
    }

    private String redeem(Code code, String email) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/public/redeem", null,
                "{\"code\":\"" + code.value() + "\",\"email\":\"" + email + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("invitation_id").asText();
    }

    private String state(String invitationId) throws Exception {
        return json(send("GET", "/api/v1/public/invitations/" + invitationId, null, null)).get("state").asText();
    }

    /** Polls like a client; the generous bound only ends a broken run, it measures nothing. */
    private void awaitState(String invitationId, String state) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            last = state(invitationId);
            if (state.equals(last)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("invitation " + invitationId + " did not reach " + state + " (last: " + last + ")");
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String login(String username, String password) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/auth/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("access_token").asText();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}

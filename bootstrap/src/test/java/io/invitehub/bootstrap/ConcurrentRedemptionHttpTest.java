package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 §3 and §4 over real HTTP, with every worker of the service running (dispatcher, promoter,
 * acceptance sync): one e-mail redeeming 20 codes of a distributor at once gets one 200 and nineteen
 * 409 ALREADY_MEMBER, round after round, never a 5xx; redemptions into a full pool are answered the
 * queue_position the customer then polls, distinct and gap-free.
 */
class ConcurrentRedemptionHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static InviteHub hub;
    private static Sql sql;
    private static String base;
    private static User distributor;

    @BeforeAll
    static void start() {
        var db = TestHubs.freshDatabase();
        sql = new Sql(db);
        hub = InviteHub.builder(TestHubs.settings(Map.of("INVITEHUB_SIM_ACCEPT_DELAY", "1h", "INVITEHUB_SIM_MAX_LATENCY", "0ms")))
                .persistence(db).start();
        base = "http://127.0.0.1:" + hub.httpPort().orElseThrow();
        distributor = hub.distributors().create(Actor.system(), "burst", "burst@example.com", "distributor-pw".toCharArray());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void oneEmailRedeemingTwentyCodesAtOnceGetsOneSeatAndNoServerError() throws Exception {
        TeamGroupId group = hub.teams().createGroup(Actor.system(), "burst");
        hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "Burst", "acct-burst", "token", 40, Optional.of(group)));
        for (int round = 0; round < 5; round++) {
            List<Code> codes = codes(20, group);
            String email = "greedy-" + round + "@example.com";

            List<HttpResponse<String>> answers = race(20, i -> redeem(codes.get(i), email));

            assertThat(answers).extracting(HttpResponse::statusCode).as("no server error").allMatch(s -> s < 500);
            assertThat(answers).filteredOn(a -> a.statusCode() == 200).hasSize(1);
            assertThat(answers).filteredOn(a -> a.statusCode() == 409).hasSize(19)
                    .allSatisfy(a -> assertThat(json(a).get("code").asText()).isEqualTo("ALREADY_MEMBER"));
        }
        assertThat(sql.count("select coalesce(sum(used_count), 0) from redeem_codes c join team_groups g on g.id = c.group_id"
                + " where g.name = 'burst'")).isEqualTo(5);
        assertThat(sql.count("select seats_reserved from teams where name = 'Burst'")).isEqualTo(5);
    }

    @Test
    void redemptionsIntoAFullPoolAreToldThePositionTheyPollDistinctAndGapFree() throws Exception {
        TeamGroupId group = hub.teams().createGroup(Actor.system(), "full");
        hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "Full", "acct-full", "token", 1, Optional.of(group)));
        assertThat(redeem(codes(1, group).get(0), "seated@example.com").statusCode()).isEqualTo(200); // the one seat
        int waiters = 30;
        List<Code> codes = codes(waiters, group);
        Map<String, Long> answered = new ConcurrentHashMap<>();
        Map<String, Long> polled = new ConcurrentHashMap<>();

        List<HttpResponse<String>> answers = race(waiters, i -> {
            HttpResponse<String> redeemed = redeem(codes.get(i), "waiter-" + i + "@example.com");
            JsonNode body = json(redeemed);
            String id = body.get("invitation_id").asText();
            answered.put(id, body.get("queue_position").asLong());
            polled.put(id, json(get("/api/v1/public/invitations/" + id)).get("queue_position").asLong());
            return redeemed;
        });

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(answers).allSatisfy(a -> assertThat(json(a).get("state").asText()).isEqualTo("WAITING_FOR_SEAT"));
        assertThat(answered).as("answered positions are the polled ones").isEqualTo(polled);
        assertThat(answered.values()).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, waiters).boxed().toList());
    }

    // ---- helpers

    @FunctionalInterface
    private interface Call {
        HttpResponse<String> run(int i) throws Exception;
    }

    private static List<HttpResponse<String>> race(int n, Call call) throws Exception {
        List<HttpResponse<String>> answers = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            new Thread(() -> {
                try {
                    go.await();
                    answers.add(call.run(index));
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        go.countDown();
        assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        return answers;
    }

    private static List<Code> codes(int count, TeamGroupId group) {
        return hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(Optional.of(distributor.id()), 1, 30,
                Optional.empty(), Optional.of(group), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.empty()), count));
    }

    private static HttpResponse<String> redeem(Code code, String email) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/public/redeem"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code.value() + "\",\"email\":\"" + email + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(response.body(), e);
        }
    }
}

package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.application.port.in.CreateTeamCommand;
import io.invitehub.application.port.in.IssueCodesCommand;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeAlphabet;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;

import static io.invitehub.adapter.in.http.ApiFixture.JSON;
import static io.invitehub.adapter.in.http.ApiFixture.basic;
import static io.invitehub.adapter.in.http.ApiFixture.contentType;
import static org.assertj.core.api.Assertions.assertThat;

class StaffRoutesTest {
    private static final String CREATE_DISTRIBUTOR = "/api/v1/admins/distributors/create";
    private static final String DISTRIBUTOR_BODY = "{\"username\":\"reseller2\",\"email\":\"Shop@Example.com\",\"password\":\"long-enough\"}";
    private static final String TEAM_BODY = "{\"name\":\"Alpha\",\"provider_account_id\":\"acct-1\","
            + "\"credentials\":\"s3cret-token\",\"max_seats\":5,\"group_id\":7}";

    private ApiFixture api;

    @BeforeEach
    void start() {
        api = new ApiFixture();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void withoutCredentialsTheAnswerIs401WithABasicChallenge() {
        HttpResponse<String> response = api.get("/api/v1/admin/teams");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"InviteHub\"");
        assertThat(contentType(response)).isEqualTo("application/problem+json");
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(body.get("detail").asText()).isEqualTo("Authentication required.");
        assertThat(body.get("instance").asText()).isEqualTo("/api/v1/admin/teams");
    }

    @Test
    void aWrongPasswordIs401WithABasicChallenge() {
        HttpResponse<String> response = api.post("/api/v1/admin/teams", JSON, TEAM_BODY, basic("admin", "wrong"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"InviteHub\"");
        assertThat(api.json(response).get("detail").asText()).isEqualTo("Invalid username or password.");
        assertThat(api.teams.created).isEmpty();
    }

    @Test
    void aMalformedAuthorizationHeaderIs401() {
        HttpResponse<String> response = api.get("/api/v1/admin/teams", "Authorization", "Basic !!!not-base64");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(api.json(response).get("code").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void anOperatorMayNotCreateDistributors() {
        HttpResponse<String> response = api.post(CREATE_DISTRIBUTOR, JSON, DISTRIBUTOR_BODY, basic("operator", "operator-pass"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(contentType(response)).isEqualTo("application/problem+json");
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(body.get("detail").asText()).isEqualTo("Your role may not use this endpoint.");
        assertThat(api.accounts.createdDistributors).isEmpty();
    }

    @Test
    void aDistributorMayNotManageTeams() {
        HttpResponse<String> response = api.get("/api/v1/admin/teams", basic("reseller", "reseller-pass"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(api.json(response).get("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void anAdminCreatesADistributor() {
        HttpResponse<String> response = api.post(CREATE_DISTRIBUTOR, JSON, DISTRIBUTOR_BODY, basic("admin", "admin-pass"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo(
                "{\"id\":100,\"username\":\"reseller2\",\"email\":\"shop@example.com\",\"role\":\"DISTRIBUTOR\",\"approval\":\"APPROVED\"}");
        assertThat(api.accounts.createdDistributors).containsExactly("reseller2");
    }

    @Test
    void creatingADistributorWithoutPasswordNamesTheField() {
        HttpResponse<String> response = api.post(CREATE_DISTRIBUTOR, JSON, "{\"username\":\"x1y2z3\",\"email\":\"a@b.co\"}",
                basic("admin", "admin-pass"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.json(response).get("detail").asText()).isEqualTo("password is required");
        assertThat(api.accounts.createdDistributors).isEmpty();
    }

    @Test
    void anOperatorCreatesATeamAndTheCredentialsNeverComeBack() {
        HttpResponse<String> response = api.post("/api/v1/admin/teams", JSON, TEAM_BODY, basic("operator", "operator-pass"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"id\":1,\"name\":\"Alpha\",\"provider_account_id\":\"acct-1\",\"max_seats\":5,"
                + "\"seats_reserved\":0,\"external_seats\":0,\"free_seats\":5,\"group_id\":7,\"status\":\"ACTIVE\","
                + "\"created_at\":\"2025-03-01T10:00:00Z\"}");
        assertThat(api.teams.created).containsExactly(
                new CreateTeamCommand("Alpha", "acct-1", "s3cret-token", 5, Optional.of(new TeamGroupId(7))));

        HttpResponse<String> list = api.get("/api/v1/admin/teams", basic("admin", "admin-pass"));

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).isEqualTo("[" + response.body() + "]");
        assertThat(list.body()).doesNotContain("s3cret-token", "credentials");
    }

    @Test
    void aTeamWithoutMaxSeatsNamesTheField() {
        HttpResponse<String> response = api.post("/api/v1/admin/teams", JSON, "{\"name\":\"Alpha\",\"provider_account_id\":\"a\"}",
                basic("admin", "admin-pass"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(body.get("detail").asText()).isEqualTo("max_seats is required");
    }

    @Test
    void aTeamGroupIsCreated() {
        HttpResponse<String> response = api.post("/api/v1/admin/team-groups", JSON, "{\"name\":\" Premium \"}",
                basic("operator", "operator-pass"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"id\":7,\"name\":\"Premium\"}");
    }

    @Test
    void codesAreGrantedToADistributor() {
        HttpResponse<String> response = api.post("/api/v1/distributors/42/grant-codes", JSON,
                "{\"count\":2,\"max_uses\":1,\"validity_days\":30,\"expires_days\":10,\"note\":\"spring\",\"group_id\":7}",
                basic("admin", "admin-pass"));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = api.json(response);
        assertThat(body.get("count").asInt()).isEqualTo(2);
        assertThat(body.get("codes").toString()).isEqualTo("[\"" + Code.compose("GFTX", "2AAAAAA").display() + "\",\""
                + Code.compose("GFTX", "3AAAAAA").display() + "\"]");
        assertThat(body.get("codes").get(0).asText()).matches("GFTX-2AAA-AAA[" + CodeAlphabet.CHARACTERS + "]");
        assertThat(api.issueCodes.calls).containsExactly(new IssueCodesCommand(new CodeTerms(
                Optional.of(new UserId(42)), 1, 30, Optional.of(Instant.parse("2025-03-11T10:00:00Z")),
                Optional.of(new TeamGroupId(7)), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.of("spring")), 2));
    }

    @Test
    void aPlatformBatchHasNoOwner() {
        HttpResponse<String> response = api.post("/api/v1/redeem-codes", JSON,
                "{\"count\":1,\"max_uses\":0,\"validity_days\":90}", basic("operator", "operator-pass"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(api.json(response).get("count").asInt()).isEqualTo(1);
        assertThat(api.issueCodes.calls).containsExactly(new IssueCodesCommand(new CodeTerms(
                Optional.empty(), 0, 90, Optional.empty(), Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT,
                Optional.empty()), 1));
    }

    @Test
    void grantingWithoutValidityDaysNamesTheField() {
        HttpResponse<String> response = api.post("/api/v1/distributors/42/grant-codes", JSON,
                "{\"count\":2,\"max_uses\":1}", basic("admin", "admin-pass"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(body.get("detail").asText()).isEqualTo("validity_days is required");
        assertThat(api.issueCodes.calls).isEmpty();
    }

    @Test
    void anExpiryBeyondAHundredYearsIsRefusedNotA500() {
        HttpResponse<String> response = api.post("/api/v1/redeem-codes", JSON,
                "{\"count\":1,\"max_uses\":1,\"validity_days\":30,\"expires_days\":999999999}", basic("admin", "admin-pass"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.json(response).get("detail").asText()).isEqualTo("expires_days must be between 1 and 36500");
        assertThat(api.issueCodes.calls).isEmpty();
    }

    @Test
    void aCountOfTheWrongTypeIsNamed() {
        HttpResponse<String> response = api.post("/api/v1/redeem-codes", JSON,
                "{\"count\":\"many\",\"max_uses\":1,\"validity_days\":30}", basic("admin", "admin-pass"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.json(response).get("detail").asText()).isEqualTo("field 'count' has the wrong type");
    }

    @Test
    void aDistributorIdThatIsNoNumberIsAValidationProblem() {
        HttpResponse<String> response = api.post("/api/v1/distributors/abc/grant-codes", JSON,
                "{\"count\":1,\"max_uses\":1,\"validity_days\":30}", basic("admin", "admin-pass"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.json(response).get("detail").asText()).isEqualTo("distributor id must be a positive number");
        assertThat(api.issueCodes.calls).isEmpty();
    }
}

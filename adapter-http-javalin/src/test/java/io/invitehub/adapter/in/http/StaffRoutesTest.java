package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeAlphabet;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;

import static io.invitehub.adapter.in.http.ApiFixture.JSON;
import static io.invitehub.adapter.in.http.ApiFixture.contentType;
import static org.assertj.core.api.Assertions.assertThat;

class StaffRoutesTest {
    private static final String CREATE_DISTRIBUTOR = "/api/v1/admins/distributors/create";
    private static final String DISTRIBUTOR_BODY = "{\"username\":\"reseller2\",\"email\":\"Shop@Example.com\",\"password\":\"long-enough\"}";
    private static final String TEAM_BODY = "{\"name\":\"Alpha\",\"provider_account_id\":\"acct-1\","
            + "\"credentials\":\"s3cret-token\",\"max_seats\":5,\"group_id\":7}";

    @RegisterExtension
    final ApiFixture api = new ApiFixture();

    @Test
    void withoutATokenTheAnswerIs401WithABearerChallenge() {
        HttpResponse<String> response = api.get("/api/v1/admin/teams");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"InviteHub\"");
        assertThat(contentType(response)).isEqualTo("application/problem+json");
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(body.get("detail").asText()).isEqualTo("Authentication required.");
        assertThat(body.get("instance").asText()).isEqualTo("/api/v1/admin/teams");
    }

    @Test
    void anInvalidTokenIs401WithABearerChallenge() {
        HttpResponse<String> response = api.post("/api/v1/admin/teams", JSON, TEAM_BODY, "Authorization", "Bearer forged");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"InviteHub\"");
        assertThat(api.json(response).get("detail").asText()).isEqualTo("The token is not valid; sign in again.");
        assertThat(api.teams.created).isEmpty();
    }

    @Test
    void basicCredentialsAreNoLongerAccepted() {
        HttpResponse<String> response = api.get("/api/v1/admin/teams", "Authorization", "Basic YWRtaW46YWRtaW4tcGFzcw==");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(api.json(response).get("code").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void anOperatorMayNotCreateDistributors() {
        HttpResponse<String> response = api.post(CREATE_DISTRIBUTOR, JSON, DISTRIBUTOR_BODY, api.bearer("operator"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(contentType(response)).isEqualTo("application/problem+json");
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(body.get("detail").asText()).isEqualTo("Your role may not use this endpoint.");
        assertThat(api.accounts.createdDistributors).isEmpty();
    }

    @Test
    void aDistributorMayNotManageTeams() {
        HttpResponse<String> response = api.get("/api/v1/admin/teams", api.bearer("reseller"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(api.json(response).get("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void anAdminCreatesADistributor() {
        HttpResponse<String> response = api.post(CREATE_DISTRIBUTOR, JSON, DISTRIBUTOR_BODY, api.bearer("admin"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo(
                "{\"id\":100,\"username\":\"reseller2\",\"email\":\"shop@example.com\",\"role\":\"DISTRIBUTOR\",\"approval\":\"APPROVED\"}");
        assertThat(api.accounts.createdDistributors).containsExactly("reseller2");
    }

    @Test
    void creatingADistributorWithoutPasswordNamesTheField() {
        HttpResponse<String> response = api.post(CREATE_DISTRIBUTOR, JSON, "{\"username\":\"x1y2z3\",\"email\":\"a@b.co\"}",
                api.bearer("admin"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.json(response).get("detail").asText()).isEqualTo("password is required");
        assertThat(api.accounts.createdDistributors).isEmpty();
    }

    @Test
    void anOperatorCreatesATeamAndTheCredentialsNeverComeBack() {
        HttpResponse<String> response = api.post("/api/v1/admin/teams", JSON, TEAM_BODY, api.bearer("operator"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"id\":1,\"name\":\"Alpha\",\"provider_account_id\":\"acct-1\",\"max_seats\":5,"
                + "\"seats_reserved\":0,\"external_seats\":0,\"free_seats\":5,\"group_id\":7,\"status\":\"ACTIVE\","
                + "\"created_at\":\"2025-03-01T10:00:00Z\",\"last_synced_at\":null,\"last_sync_error\":null,\"sync_failures\":0,"
                + "\"next_sync_at\":null}");
        assertThat(api.teams.created).containsExactly(
                new CreateTeamCommand(io.invitehub.domain.user.Actor.of(api.accounts.user("operator")), "Alpha", "acct-1", "s3cret-token", 5, Optional.of(new TeamGroupId(7))));

        HttpResponse<String> list = api.get("/api/v1/admin/teams", api.bearer("admin"));

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).isEqualTo("[" + response.body() + "]");
        assertThat(list.body()).doesNotContain("s3cret-token", "credentials");
    }

    @Test
    void aTeamWithoutMaxSeatsNamesTheField() {
        HttpResponse<String> response = api.post("/api/v1/admin/teams", JSON, "{\"name\":\"Alpha\",\"provider_account_id\":\"a\"}",
                api.bearer("admin"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(body.get("detail").asText()).isEqualTo("max_seats is required");
    }

    @Test
    void aTeamGroupIsCreated() {
        HttpResponse<String> response = api.post("/api/v1/admin/team-groups", JSON, "{\"name\":\" Premium \"}",
                api.bearer("operator"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"id\":7,\"name\":\"Premium\"}");
    }

    @Test
    void codesAreGrantedToADistributor() {
        HttpResponse<String> response = api.post("/api/v1/distributors/42/grant-codes", JSON,
                "{\"count\":2,\"max_uses\":1,\"validity_days\":30,\"expires_days\":10,\"note\":\"spring\",\"group_id\":7}",
                api.bearer("admin"));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = api.json(response);
        assertThat(body.get("count").asInt()).isEqualTo(2);
        assertThat(body.get("codes").toString()).isEqualTo("[\"" + Code.compose("GFTX", "2AAAAAA").display() + "\",\""
                + Code.compose("GFTX", "3AAAAAA").display() + "\"]");
        assertThat(body.get("codes").get(0).asText()).matches("GFTX-2AAA-AAA[" + CodeAlphabet.CHARACTERS + "]");
        assertThat(api.issueCodes.calls).containsExactly(new IssueCodesCommand(io.invitehub.domain.user.Actor.of(api.accounts.user("admin")), new CodeTerms(
                Optional.of(new UserId(42)), 1, 30, Optional.of(Instant.parse("2025-03-11T10:00:00Z")),
                Optional.of(new TeamGroupId(7)), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.of("spring")), 2));
    }

    @Test
    void aPlatformBatchHasNoOwner() {
        HttpResponse<String> response = api.post("/api/v1/redeem-codes", JSON,
                "{\"count\":1,\"max_uses\":0,\"validity_days\":90}", api.bearer("operator"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(api.json(response).get("count").asInt()).isEqualTo(1);
        assertThat(api.issueCodes.calls).containsExactly(new IssueCodesCommand(io.invitehub.domain.user.Actor.of(api.accounts.user("operator")), new CodeTerms(
                Optional.empty(), 0, 90, Optional.empty(), Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT,
                Optional.empty()), 1));
    }

    @Test
    void grantingWithoutValidityDaysNamesTheField() {
        HttpResponse<String> response = api.post("/api/v1/distributors/42/grant-codes", JSON,
                "{\"count\":2,\"max_uses\":1}", api.bearer("admin"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(body.get("detail").asText()).isEqualTo("validity_days is required");
        assertThat(api.issueCodes.calls).isEmpty();
    }

    @Test
    void anExpiryBeyondAHundredYearsIsRefusedNotA500() {
        HttpResponse<String> response = api.post("/api/v1/redeem-codes", JSON,
                "{\"count\":1,\"max_uses\":1,\"validity_days\":30,\"expires_days\":999999999}", api.bearer("admin"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.json(response).get("detail").asText()).isEqualTo("expires_days must be between 1 and 36500");
        assertThat(api.issueCodes.calls).isEmpty();
    }

    @Test
    void aCountOfTheWrongTypeIsNamed() {
        HttpResponse<String> response = api.post("/api/v1/redeem-codes", JSON,
                "{\"count\":\"many\",\"max_uses\":1,\"validity_days\":30}", api.bearer("admin"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.json(response).get("detail").asText()).isEqualTo("field 'count' has the wrong type");
    }

    @Test
    void aDistributorIdThatIsNoNumberIsAValidationProblem() {
        HttpResponse<String> response = api.post("/api/v1/distributors/abc/grant-codes", JSON,
                "{\"count\":1,\"max_uses\":1,\"validity_days\":30}", api.bearer("admin"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.json(response).get("detail").asText()).isEqualTo("distributor id must be a positive number");
        assertThat(api.issueCodes.calls).isEmpty();
    }
}

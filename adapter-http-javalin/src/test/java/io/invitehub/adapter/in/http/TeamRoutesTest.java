package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamStatus;
import io.invitehub.domain.user.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** PATCH /admin/teams/{id}, PUT /admin/teams/{id}/credentials and GET /admin/teams/{id}/external-members over real HTTP. */
class TeamRoutesTest {
    @RegisterExtension
    final ApiFixture api = new ApiFixture();

    @BeforeEach
    void start() {
        api.teams.createTeam(new CreateTeamCommand(Actor.system(), "Alpha", "acct-1", "secret", 5, Optional.empty()));
    }

    private HttpResponse<String> patch(String body, String user) {
        return api.withBody("PATCH", "/api/v1/admin/teams/1", body, api.bearer(user));
    }

    private void assertValidation(HttpResponse<String> response, String detail) {
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = api.json(response);
        assertThat(problem.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.get("detail").asText()).isEqualTo(detail);
        assertThat(api.teams.updated).isEmpty();
    }

    @Test
    void staffChangeSeatsStatusNameAndGroup() {
        HttpResponse<String> response = patch("{\"max_seats\":8,\"status\":\"paused\",\"name\":\" Beta \",\"group_id\":7}", "operator");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode team = api.json(response);
        assertThat(team.get("max_seats").asInt()).isEqualTo(8);
        assertThat(team.get("status").asText()).isEqualTo("PAUSED");
        assertThat(team.get("name").asText()).isEqualTo("Beta");
        assertThat(team.get("group_id").asLong()).isEqualTo(7);
        assertThat(team.has("credentials")).isFalse();
        assertThat(team.has("last_synced_at")).isTrue();
        var changes = api.teams.updated.get(0).changes();
        assertThat(changes.maxSeats()).contains(8);
        assertThat(changes.status()).contains(TeamStatus.PAUSED);
        assertThat(changes.group()).contains(new TeamGroupId(7));
    }

    @Test
    void nullGroupRemovesTheGroupAndAbsentFieldsStay() {
        patch("{\"group_id\":7}", "admin");

        JsonNode team = api.json(patch("{\"group_id\":null}", "admin"));

        assertThat(team.get("group_id").isNull()).isTrue();
        assertThat(team.get("max_seats").asInt()).isEqualTo(5);
        assertThat(team.get("name").asText()).isEqualTo("Alpha");
        assertThat(api.teams.updated.get(1).changes().changeGroup()).isTrue();
    }

    @Test
    void seatsBelowThoseInUseAreAClearConflict() {
        HttpResponse<String> response = patch("{\"max_seats\":1}", "admin");

        assertThat(response.statusCode()).isEqualTo(409);
        JsonNode problem = api.json(response);
        assertThat(problem.get("code").asText()).isEqualTo("CONFLICT");
        assertThat(problem.get("detail").asText()).isEqualTo("max_seats 1 is below the 2 seats in use");
    }

    @Test
    void badBodiesAreRefusedBeforeAnythingChanges() {
        assertValidation(patch("{}", "admin"), "nothing to change: give at least one of name, max_seats, status, group_id");
        assertValidation(patch("{\"maxSeats\":3}", "admin"), "unknown field 'maxSeats'; a team has name, max_seats, status and group_id");
        assertValidation(patch("{\"max_seats\":\"3\"}", "admin"), "field 'max_seats' must be a whole number");
        assertValidation(patch("{\"max_seats\":0}", "admin"), "max_seats must be between 1 and 100000");
        assertValidation(patch("{\"status\":\"BANNED\"}", "admin"),
                "status must be ACTIVE or PAUSED (BANNED and TOKEN_INVALID are set from the provider's answers)");
        assertValidation(patch("{\"status\":\"SLEEPING\"}", "admin"), "status must be ACTIVE or PAUSED");
        assertValidation(patch("{\"group_id\":-1}", "admin"), "group_id must be a positive number, or null to remove the group");
        assertValidation(patch("{\"name\":\"  \"}", "admin"), "name is required");
        assertValidation(patch("[1]", "admin"), "request body must be a JSON object");
        assertValidation(patch("not json", "admin"), "request body is not valid JSON");
        assertValidation(api.withBody("PATCH", "/api/v1/admin/teams/abc", "{\"max_seats\":3}", api.bearer("admin")),
                "team id must be a positive number");
    }

    @Test
    void anUnknownTeamIs404() {
        HttpResponse<String> response = api.withBody("PATCH", "/api/v1/admin/teams/99", "{\"max_seats\":3}", api.bearer("admin"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(api.json(response).get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(api.get("/api/v1/admin/teams/99/external-members", api.bearer("admin")).statusCode()).isEqualTo(404);
    }

    @Test
    void aDistributorMayNotChangeTeamsNorReadTheirMembers() {
        assertThat(patch("{\"max_seats\":8}", "reseller").statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/teams/1/external-members", api.bearer("reseller")).statusCode()).isEqualTo(403);
        assertThat(api.withBody("PATCH", "/api/v1/admin/teams/1", "{\"max_seats\":8}").statusCode()).isEqualTo(401);
        assertThat(api.teams.updated).isEmpty();
    }

    @Test
    void externalMembersWithTheSyncState() {
        HttpResponse<String> response = api.get("/api/v1/admin/teams/1/external-members", api.bearer("operator"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = api.json(response);
        assertThat(body.get("team_id").asLong()).isEqualTo(1);
        assertThat(body.get("external_seats").asInt()).isEqualTo(1);
        assertThat(body.get("last_synced_at").asText()).isNotEmpty();
        assertThat(body.get("last_sync_error").isNull()).isTrue();
        JsonNode member = body.get("members").get(0);
        assertThat(member.get("email").asText()).isEqualTo("owner@example.com");
        assertThat(member.get("provider_user_id").asText()).isEqualTo("user-1");
        assertThat(member.get("role").asText()).isEqualTo("account-owner");
        assertThat(member.get("joined_at").isNull()).isTrue();
        assertThat(member.has("first_seen_at")).isTrue();
    }

    private HttpResponse<String> putCredentials(String body, String user) {
        return user == null ? api.withBody("PUT", "/api/v1/admin/teams/1/credentials", body)
                : api.withBody("PUT", "/api/v1/admin/teams/1/credentials", body, api.bearer(user));
    }

    @Test
    void staffGiveATeamNewCredentialsAndGetTheTeamBackWithoutThem() {
        HttpResponse<String> response = putCredentials("{\"credentials\":\"n3w-s3cret\"}", "operator");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("n3w-s3cret");
        assertThat(api.json(response).get("id").asLong()).isEqualTo(1);
        assertThat(api.json(response).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(api.teams.credentials).hasSize(1);
        assertThat(api.teams.credentials.get(0).credentials()).isEqualTo("n3w-s3cret");
        assertThat(api.teams.credentials.get(0).team().value()).isEqualTo(1);
    }

    @Test
    void refusedOrUncheckableCredentialsAreClearProblems() {
        HttpResponse<String> rejected = putCredentials("{\"credentials\":\"rejected\"}", "admin");
        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(api.json(rejected).get("code").asText()).isEqualTo("CREDENTIALS_REJECTED");
        HttpResponse<String> unreachable = putCredentials("{\"credentials\":\"unreachable\"}", "admin");
        assertThat(unreachable.statusCode()).isEqualTo(502);
        assertThat(api.json(unreachable).get("code").asText()).isEqualTo("PROVIDER_FAILED");

        for (String body : java.util.List.of("{}", "{\"credentials\":null}", "{\"credentials\":5}", "[]",
                "{\"credentials\":\"x\",\"status\":\"ACTIVE\"}")) {
            HttpResponse<String> bad = putCredentials(body, "admin");
            assertThat(bad.statusCode()).as(body).isEqualTo(400);
            assertThat(api.json(bad).get("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(api.withBody("PUT", "/api/v1/admin/teams/9/credentials", "{\"credentials\":\"x\"}", api.bearer("admin"))
                .statusCode()).isEqualTo(404);
        assertThat(api.teams.credentials).isEmpty();
    }

    @Test
    void onlyStaffMayReplaceCredentials() {
        assertThat(putCredentials("{\"credentials\":\"x\"}", "reseller").statusCode()).isEqualTo(403);
        assertThat(putCredentials("{\"credentials\":\"x\"}", null).statusCode()).isEqualTo(401);
        assertThat(api.teams.credentials).isEmpty();
    }
}

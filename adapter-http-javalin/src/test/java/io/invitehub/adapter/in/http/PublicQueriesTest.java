package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static io.invitehub.adapter.in.http.ApiFixture.contentType;
import static io.invitehub.adapter.in.http.InPortFakes.CODE;
import static org.assertj.core.api.Assertions.assertThat;

class PublicQueriesTest {
    @RegisterExtension
    final ApiFixture api = new ApiFixture();

    @Test
    void anInvitationIsShownForPolling() {
        HttpResponse<String> response = api.get("/api/v1/public/invitations/3f2b8c1e-5d4a-4b7e-9c21-0a1b2c3d4e5f");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).startsWith("application/json");
        JsonNode body = api.json(response);
        assertThat(body.get("invitation_id").asText()).isEqualTo("3f2b8c1e-5d4a-4b7e-9c21-0a1b2c3d4e5f");
        assertThat(body.get("state").asText()).isEqualTo("INVITED");
        assertThat(body.get("team_name").asText()).isEqualTo("Alpha");
        assertThat(body.get("queue_position").isNull()).isTrue();
        assertThat(body.get("created_at").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(body.get("invited_at").asText()).isEqualTo("2025-03-01T10:01:00Z");
        assertThat(body.get("accepted_at").isNull()).isTrue();
        assertThat(body.get("ended_at").isNull()).isTrue();
        assertThat(body.get("end_reason").isNull()).isTrue();
        assertThat(body.has("public_id")).isFalse();
        assertThat(body.has("email")).isFalse();
    }

    @Test
    void anUnknownInvitationIsNotFound() {
        HttpResponse<String> response = api.get("/api/v1/public/invitations/00000000-0000-4000-8000-000000000000");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(body.get("detail").asText()).isEqualTo("No invitation with this id.");
    }

    @Test
    void anInvitationIdThatIsNoUuidIsAValidationProblem() {
        HttpResponse<String> response = api.get("/api/v1/public/invitations/1-2-3-4-5");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(contentType(response)).isEqualTo("application/problem+json");
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(body.get("detail").asText()).isEqualTo("invitation id must be a UUID");
        assertThat(body.get("instance").asText()).isEqualTo("/api/v1/public/invitations/1-2-3-4-5");
    }

    @Test
    void statusWithCodeAndEmailShowsTheCode() {
        HttpResponse<String> response = api.get("/api/v1/public/status?code=" + CODE.display() + "&email=alice%40example.com");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo(CODE.display());
        assertThat(body.get("active").asBoolean()).isTrue();
        assertThat(body.get("used_count").asInt()).isEqualTo(1);
        assertThat(body.get("max_uses").asInt()).isEqualTo(1);
        assertThat(body.get("expires_at").asText()).isEqualTo("2025-12-31T23:59:59Z");
        assertThat(body.get("validity_days").asInt()).isEqualTo(30);
        assertThat(body.get("activated_at").asText()).isEqualTo("2025-03-01T10:02:00Z");
        assertThat(body.get("member_expires_at").asText()).isEqualTo("2025-03-31T10:02:00Z");
        assertThat(body.get("remaining_days").asLong()).isEqualTo(30);
        assertThat(body.get("latest_invitation").get("invitation_id").asText()).isEqualTo("3f2b8c1e-5d4a-4b7e-9c21-0a1b2c3d4e5f");
        assertThat(body.get("latest_invitation").get("state").asText()).isEqualTo("INVITED");
    }

    @Test
    void statusForAnotherEmailIsNotFound() {
        HttpResponse<String> response = api.get("/api/v1/public/status?code=" + CODE.display() + "&email=bob%40example.com");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(api.json(response).get("detail").asText()).isEqualTo("No redemption for this code and e-mail.");
    }

    @Test
    void statusWithoutEmailNamesTheMissingParameter() {
        HttpResponse<String> response = api.get("/api/v1/public/status?code=" + CODE.display());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(body.get("detail").asText()).isEqualTo("query parameter 'email' is required");
    }

    @Test
    void statusWithoutCodeNamesTheMissingParameter() {
        HttpResponse<String> response = api.get("/api/v1/public/status?email=alice%40example.com");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.json(response).get("detail").asText()).isEqualTo("query parameter 'code' is required");
    }

    @Test
    void statusWithNeitherNamesBoth() {
        HttpResponse<String> response = api.get("/api/v1/public/status");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.json(response).get("detail").asText()).isEqualTo("query parameters 'code' and 'email' are required");
    }

    @Test
    void seatsAreSummarised() {
        HttpResponse<String> response = api.get("/api/v1/public/seats");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo("{\"active_teams\":2,\"total_seats\":10,\"used_seats\":7,\"free_seats\":3,\"waiting\":4}");
    }

    @Test
    void readyWhenTheDatabaseAnswers() {
        HttpResponse<String> response = api.get("/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).startsWith("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\",\"checks\":{\"database\":\"UP\"}}");
    }

    @Test
    void notReadyButAliveWhenTheDatabaseDoesNotAnswer() {
        api.databaseUp.set(false);

        HttpResponse<String> ready = api.get("/ready");
        HttpResponse<String> health = api.get("/health");

        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":{\"database\":\"DOWN\"}}");
        assertThat(health.statusCode()).as("liveness asks nothing of the database").isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    }
}

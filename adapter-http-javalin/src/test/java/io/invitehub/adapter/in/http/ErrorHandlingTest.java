package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;

import static io.invitehub.adapter.in.http.ApiFixture.contentType;
import static org.assertj.core.api.Assertions.assertThat;

class ErrorHandlingTest {
    @RegisterExtension
    final ApiFixture api = new ApiFixture();

    @Test
    void anUnexpectedExceptionIsA500WithAReferenceAndNoStackTrace() {
        api.queries.seatsFailure = new IllegalStateException("connection pool exhausted at db-host-7");

        HttpResponse<String> response = api.get("/api/v1/public/seats");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(contentType(response)).isEqualTo("application/problem+json");
        JsonNode body = api.json(response);
        assertThat(body.get("type").asText()).isEqualTo("https://invitehub.dev/problems/internal-error");
        assertThat(body.get("title").asText()).isEqualTo("Internal error");
        assertThat(body.get("status").asInt()).isEqualTo(500);
        assertThat(body.get("code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(body.get("instance").asText()).isEqualTo("/api/v1/public/seats");
        assertThat(body.get("detail").asText())
                .matches("Internal error, reference [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(response.body()).doesNotContain("IllegalStateException", "db-host-7", "\tat ", "java.");
    }

    @Test
    void aTransactionTheDatabaseKeptAbortingIsA503WithRetryAfterNotA500() {
        // what the transaction runner throws when its retries after deadlocks are used up (ADR 28)
        api.redeem.behaviour = command -> {
            throw new io.invitehub.application.shared.port.out.TransactionConflictException(
                    "The database aborted this transaction 5 times because of concurrent ones (SQLSTATE 40P01)",
                    Duration.ofMillis(1_500), new IllegalStateException("ERROR: deadlock detected at db-host-7"));
        };

        HttpResponse<String> response = api.post("/api/v1/public/redeem", ApiFixture.JSON,
                "{\"code\":\"" + InPortFakes.CODE.value() + "\",\"email\":\"alice@example.com\"}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(contentType(response)).isEqualTo("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).contains("2");
        JsonNode body = api.json(response);
        assertThat(body.get("type").asText()).isEqualTo("https://invitehub.dev/problems/transaction-conflict");
        assertThat(body.get("title").asText()).isEqualTo("Transaction conflict");
        assertThat(body.get("status").asInt()).isEqualTo(503);
        assertThat(body.get("code").asText()).isEqualTo("TRANSACTION_CONFLICT");
        assertThat(body.get("detail").asText()).contains("nothing was changed");
        assertThat(body.get("instance").asText()).isEqualTo("/api/v1/public/redeem");
        assertThat(response.body()).doesNotContain("40P01", "deadlock", "db-host-7", "\tat ");
    }

    @Test
    void eachInternalErrorGetsItsOwnReference() {
        api.queries.seatsFailure = new IllegalStateException("boom");

        String first = api.json(api.get("/api/v1/public/seats")).get("detail").asText();
        String second = api.json(api.get("/api/v1/public/seats")).get("detail").asText();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anUnknownRouteIsANotFoundProblem() {
        HttpResponse<String> response = api.get("/api/v1/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(contentType(response)).isEqualTo("application/problem+json");
        JsonNode body = api.json(response);
        assertThat(body.get("type").asText()).isEqualTo("https://invitehub.dev/problems/not-found");
        assertThat(body.get("status").asInt()).isEqualTo(404);
        assertThat(body.get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(body.get("detail").asText()).isEqualTo("No resource at /api/v1/nothing-here");
        assertThat(body.get("instance").asText()).isEqualTo("/api/v1/nothing-here");
    }

    @Test
    void aWrongMethodIsAMethodNotAllowedProblem() {
        HttpResponse<String> response = api.method("DELETE", "/api/v1/public/redeem");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(contentType(response)).isEqualTo("application/problem+json");
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(body.get("type").asText()).isEqualTo("https://invitehub.dev/problems/method-not-allowed");
        assertThat(body.get("detail").asText()).isEqualTo("This method is not allowed on /api/v1/public/redeem");
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        assertThat(ProblemMapper.wholeSecondsUp(Duration.ofMillis(2_001))).isEqualTo(3);
        assertThat(ProblemMapper.wholeSecondsUp(Duration.ofSeconds(60))).isEqualTo(60);
        assertThat(ProblemMapper.wholeSecondsUp(Duration.ofNanos(1))).isEqualTo(1);
        assertThat(ProblemMapper.wholeSecondsUp(Duration.ZERO)).isEqualTo(0);
    }
}

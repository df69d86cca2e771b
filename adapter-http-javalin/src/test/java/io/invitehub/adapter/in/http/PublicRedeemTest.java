package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.domain.code.EmailMismatchException;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.RateLimitedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static io.invitehub.adapter.in.http.ApiFixture.FORM;
import static io.invitehub.adapter.in.http.ApiFixture.JSON;
import static io.invitehub.adapter.in.http.ApiFixture.contentType;
import static io.invitehub.adapter.in.http.InPortFakes.CODE;
import static io.invitehub.adapter.in.http.InPortFakes.EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

class PublicRedeemTest {
    private static final String REDEEM = "/api/v1/public/redeem";
    private static final String BODY = "{\"code\":\"" + CODE.display().toLowerCase() + "\",\"email\":\" Alice@Example.com \"}";

    private ApiFixture api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void redeemWithJsonQueuesTheInvite() {
        api = new ApiFixture();
        api.redeem.behaviour = command -> new RedemptionResult(InPortFakes.invitation(InvitationState.RESERVED, 1L, null),
                Optional.of("Alpha"), Optional.empty(), Optional.of(Instant.parse("2025-03-31T10:00:00Z")), 30, false);

        HttpResponse<String> response = api.post(REDEEM, JSON, BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).startsWith("application/json");
        JsonNode body = api.json(response);
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("state").asText()).isEqualTo("INVITE_QUEUED");
        assertThat(body.get("invitation_id").asText()).isEqualTo("3f2b8c1e-5d4a-4b7e-9c21-0a1b2c3d4e5f");
        assertThat(body.get("invitation_state").asText()).isEqualTo("RESERVED");
        assertThat(body.get("team_name").asText()).isEqualTo("Alpha");
        assertThat(body.get("queue_position").isNull()).isTrue();
        assertThat(body.get("expires_at").asText()).isEqualTo("2025-03-31T10:00:00Z");
        assertThat(body.get("remaining_days").asLong()).isEqualTo(30);
        assertThat(body.get("repeated").asBoolean()).isFalse();
        assertThat(body.get("message").asText())
                .isEqualTo("Your invitation to Alpha is being sent; check your mailbox in a few minutes.");
        assertThat(api.redeem.calls).containsExactly(new RedeemCommand(CODE, EMAIL, "127.0.0.1"));
    }

    @Test
    void directRedeemAcceptsAFormEncodedBody() {
        api = new ApiFixture();

        HttpResponse<String> response = api.post("/api/v1/public/direct-redeem", FORM,
                "code=" + CODE.display() + "&email=alice%40example.com");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.json(response).get("state").asText()).isEqualTo("INVITE_QUEUED");
        assertThat(api.redeem.calls).containsExactly(new RedeemCommand(CODE, EMAIL, "127.0.0.1"));
    }

    @Test
    void directRedeemAcceptsJsonToo() {
        api = new ApiFixture();

        HttpResponse<String> response = api.post("/api/v1/public/direct-redeem", JSON, BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.json(response).get("invitation_state").asText()).isEqualTo("RESERVED");
        assertThat(api.redeem.calls).hasSize(1);
    }

    @Test
    void redeemWithoutAFreeSeatAnswersWithTheQueuePosition() {
        api = new ApiFixture();
        api.redeem.behaviour = command -> new RedemptionResult(InPortFakes.invitation(InvitationState.WAITING, null, 12L),
                Optional.empty(), Optional.of(3L), Optional.empty(), 30, false);

        JsonNode body = api.json(api.post(REDEEM, JSON, BODY));

        assertThat(body.get("state").asText()).isEqualTo("WAITING_FOR_SEAT");
        assertThat(body.get("invitation_state").asText()).isEqualTo("WAITING");
        assertThat(body.get("team_name").isNull()).isTrue();
        assertThat(body.get("queue_position").asLong()).isEqualTo(3);
        assertThat(body.get("expires_at").isNull()).isTrue();
        assertThat(body.get("message").asText()).isEqualTo("All seats are taken; you are number 3 in the queue.");
    }

    @Test
    void aRepeatedRedemptionSaysTheExistingInvitationIsReturned() {
        api = new ApiFixture();
        api.redeem.behaviour = command -> new RedemptionResult(InPortFakes.invitation(InvitationState.JOINED, 1L, null),
                Optional.of("Alpha"), Optional.empty(), Optional.of(Instant.parse("2025-03-20T00:00:00Z")), 19, true);

        JsonNode body = api.json(api.post(REDEEM, JSON, BODY));

        assertThat(body.get("repeated").asBoolean()).isTrue();
        assertThat(body.get("invitation_state").asText()).isEqualTo("JOINED");
        assertThat(body.get("remaining_days").asLong()).isEqualTo(19);
        assertThat(body.get("message").asText()).isEqualTo("This code was already redeemed for this e-mail; your "
                + "existing invitation is returned. You are a member of Alpha.");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(ErrorCode.INVALID_CODE, 404, "Invalid code", "This code does not exist."),
                Arguments.of(ErrorCode.CODE_EXPIRED, 410, "Code expired", "This code has expired."),
                Arguments.of(ErrorCode.CODE_DISABLED, 403, "Code disabled", "This code is disabled."),
                Arguments.of(ErrorCode.CODE_USED_UP, 409, "Code used up", "This code has no uses left."),
                Arguments.of(ErrorCode.MEMBER_EXPIRED, 410, "Member expired", "The membership of this code is over."),
                Arguments.of(ErrorCode.ALREADY_MEMBER, 409, "Already member", "This e-mail is already a member."),
                Arguments.of(ErrorCode.CONFLICT, 409, "Conflict", "Try again."),
                Arguments.of(ErrorCode.NOT_FOUND, 404, "Not found", "Nothing here."),
                Arguments.of(ErrorCode.FORBIDDEN, 403, "Forbidden", "Not for you."),
                Arguments.of(ErrorCode.VALIDATION_FAILED, 400, "Validation failed", "Bad input."),
                Arguments.of(ErrorCode.INVALID_EMAIL, 400, "Invalid email", "Bad e-mail."));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void eachRefusalIsAProblemDetailWithItsStatus(ErrorCode code, int status, String title, String detail) {
        api = new ApiFixture();
        api.redeem.refuseWith(new DomainException(code, detail));

        HttpResponse<String> response = api.post(REDEEM, JSON, BODY);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(contentType(response)).isEqualTo("application/problem+json");
        JsonNode body = api.json(response);
        assertThat(body.get("type").asText())
                .isEqualTo("https://invitehub.dev/problems/" + code.name().toLowerCase().replace('_', '-'));
        assertThat(body.get("title").asText()).isEqualTo(title);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asText()).isEqualTo(detail);
        assertThat(body.get("instance").asText()).isEqualTo(REDEEM);
        assertThat(body.get("code").asText()).isEqualTo(code.name());
        assertThat(body.has("bound_email")).isFalse();
    }

    @Test
    void anyMalformedInputIsA400WhateverItsCode() {
        api = new ApiFixture();
        api.redeem.refuseWith(DomainException.invalid(ErrorCode.INVALID_CODE, "code is mistyped"));

        HttpResponse<String> response = api.post(REDEEM, JSON, BODY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.json(response).get("code").asText()).isEqualTo("INVALID_CODE");
    }

    @Test
    void anEmailMismatchShowsTheMaskedBoundEmail() {
        api = new ApiFixture();
        api.redeem.refuseWith(new EmailMismatchException(Email.of("zoe.smith@host.org")));

        HttpResponse<String> response = api.post(REDEEM, JSON, BODY);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(contentType(response)).isEqualTo("application/problem+json");
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("EMAIL_MISMATCH");
        assertThat(body.get("bound_email").asText()).isEqualTo("z***h@host.org");
        assertThat(body.get("detail").asText()).isEqualTo("This code is bound to another e-mail address (z***h@host.org).");
        assertThat(response.body()).doesNotContain("zoe.smith");
    }

    @Test
    void rateLimitedCarriesRetryAfterInWholeSecondsRoundedUp() {
        api = new ApiFixture();
        api.redeem.refuseWith(new RateLimitedException("Too many attempts; try again later.", Duration.ofMillis(2_001)));

        HttpResponse<String> response = api.post(REDEEM, JSON, BODY);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("3");
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(body.get("detail").asText()).isEqualTo("Too many attempts; try again later.");
    }

    @Test
    void aMistypedCodeReachesTheUseCaseOnlyAsACandidateForAnImportedCode() {
        // ADR 32: a typo of a generated code has the reference's shape; only an imported code can match it,
        // and the use case answers the check character's refusal when none does (EndToEndHttpTest)
        api = new ApiFixture();
        String typo = CODE.value().substring(0, CODE.value().length() - 1)
                + (CODE.value().endsWith("2") ? "3" : "2");

        HttpResponse<String> response = api.post(REDEEM, JSON, "{\"code\":\"" + typo + "\",\"email\":\"alice@example.com\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.redeem.calls).singleElement().satisfies(c -> {
            assertThat(c.code().value()).isEqualTo(typo);
            assertThat(c.code().legacy()).isTrue();
        });
    }

    @Test
    void aCodeNoCodeCanBeIsRefusedWithoutCallingTheUseCase() {
        api = new ApiFixture();

        HttpResponse<String> response = api.post(REDEEM, JSON, "{\"code\":\"HUB#2345-6789\",\"email\":\"alice@example.com\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(contentType(response)).isEqualTo("application/problem+json");
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("INVALID_CODE");
        assertThat(body.get("detail").asText()).isEqualTo("code contains a character that codes never contain");
        assertThat(api.redeem.calls).isEmpty();
    }

    @Test
    void aMalformedEmailIsRefusedWithoutCallingTheUseCase() {
        api = new ApiFixture();

        HttpResponse<String> response = api.post(REDEEM, JSON, "{\"code\":\"" + CODE.display() + "\",\"email\":\"alice@\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("INVALID_EMAIL");
        assertThat(body.get("detail").asText()).isEqualTo("not a valid e-mail address");
        assertThat(api.redeem.calls).isEmpty();
    }

    @Test
    void aMissingCodeIsRefusedWithoutCallingTheUseCase() {
        api = new ApiFixture();

        HttpResponse<String> response = api.post(REDEEM, FORM, "email=alice%40example.com");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("INVALID_CODE");
        assertThat(body.get("detail").asText()).isEqualTo("code is required");
        assertThat(api.redeem.calls).isEmpty();
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("{\"code\": ", "request body is not valid JSON"),
                Arguments.of("not json", "request body is not valid JSON"),
                Arguments.of("", "a JSON request body is required"),
                Arguments.of("null", "request body must be a JSON object"),
                Arguments.of("[1,2]", "request body must be a JSON object"));
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void malformedJsonIsAValidationProblem(String malformed, String detail) {
        api = new ApiFixture();

        HttpResponse<String> response = api.post(REDEEM, JSON, malformed);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(contentType(response)).isEqualTo("application/problem+json");
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(body.get("detail").asText()).isEqualTo(detail);
        assertThat(api.redeem.calls).isEmpty();
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() {
        api = new ApiFixture();

        HttpResponse<String> response = api.post(REDEEM, JSON, "{\"code\":{\"x\":1},\"email\":\"alice@example.com\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = api.json(response);
        assertThat(body.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(body.get("detail").asText()).isEqualTo("code must be a string, not an object");
        assertThat(body.get("field").asText()).isEqualTo("code");
    }

    @Test
    void requestsRunOnTheConfiguredJettyPool() {
        api = new ApiFixture();
        java.util.concurrent.atomic.AtomicReference<String> thread = new java.util.concurrent.atomic.AtomicReference<>();
        RedemptionResult answer = new RedemptionResult(InPortFakes.invitation(InvitationState.RESERVED, 1L, null),
                Optional.of("Alpha"), Optional.empty(), Optional.empty(), 30, false);
        api.redeem.behaviour = command -> {
            thread.set(Thread.currentThread().getName());
            return answer;
        };

        assertThat(api.post(REDEEM, JSON, BODY).statusCode()).isEqualTo(200);
        assertThat(thread.get()).startsWith("invitehub-http-");
    }

    @Test
    void forwardedForIsBelievedFromATrustedProxyReadFromTheRightSkippingTrustedRanges() {
        api = new ApiFixture(Set.of("127.0.0.1", "10.0.0.0/8"));

        HttpResponse<String> response = api.post(REDEEM, JSON, BODY, "X-Forwarded-For", "203.0.113.7, 10.0.0.1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.redeem.calls).extracting(RedeemCommand::clientAddress).containsExactly("203.0.113.7");
    }

    @Test
    void aForwardedForEntryWrittenByTheClientIsNeverBelieved() {
        api = new ApiFixture(Set.of("127.0.0.0/8"));

        // the client sent "X-Forwarded-For: 198.51.100.1"; the proxy appended the address it saw
        api.post(REDEEM, JSON, BODY, "X-Forwarded-For", "198.51.100.1, 203.0.113.7");

        assertThat(api.redeem.calls).extracting(RedeemCommand::clientAddress).containsExactly("203.0.113.7");
    }

    @Test
    void forwardedForIsIgnoredFromAnyOtherAddress() {
        api = new ApiFixture(Set.of("10.9.9.9"));

        HttpResponse<String> response = api.post(REDEEM, JSON, BODY, "X-Forwarded-For", "203.0.113.7");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.redeem.calls).extracting(RedeemCommand::clientAddress).containsExactly("127.0.0.1");
    }
}

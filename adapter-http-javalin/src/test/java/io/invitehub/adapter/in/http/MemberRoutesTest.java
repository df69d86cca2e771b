package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.application.membership.port.in.RebindCommand;
import io.invitehub.application.membership.port.in.ReinviteCommand;
import io.invitehub.application.membership.port.in.RemovalResult;
import io.invitehub.application.membership.port.in.RemoveMemberCommand;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.TeamId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The member-lifecycle routes over real HTTP with in-port fakes: bodies, the reference's fields, problem details, parsing. */
class MemberRoutesTest {
    private static final String REMOVE = "/api/v1/distributors/me/members/remove";
    private static final String ADD = "/api/v1/distributors/me/members/add";
    @RegisterExtension
    final ApiFixture api = new ApiFixture();
    private String[] reseller;
    private String[] admin;

    @BeforeEach
    void start() {
        reseller = api.bearer("reseller");
        admin = api.bearer("admin");
    }

    private HttpResponse<String> post(String path, String body, String... headers) {
        return api.post(path, ApiFixture.JSON, body, headers);
    }

    private void problem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(ApiFixture.contentType(response)).isEqualTo("application/problem+json");
        assertThat(api.json(response).get("code").asText()).isEqualTo(code);
    }

    @Test
    void aRemovalAnswersTheReferenceFieldsAndTheUseCaseGetsTheCallerNeverAnIdFromTheBody() {
        HttpResponse<String> response = post(REMOVE, "{\"email\":\" Alice@Example.com \",\"team_id\":7,\"reason\":\" spam \","
                + "\"distributor_id\":99}", reseller);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = api.json(response);
        assertThat(body.get("message").asText()).isEqualTo("Member removed from Alpha.");
        assertThat(body.get("email").asText()).isEqualTo("alice@example.com");
        assertThat(body.get("team_name").asText()).isEqualTo("Alpha");
        assertThat(body.get("code_usage_restored").asBoolean()).isTrue();
        assertThat(body.get("status").asText()).isEqualTo("REMOVED");
        RemoveMemberCommand command = (RemoveMemberCommand) api.members.calls.get(0);
        assertThat(command.caller().value()).isEqualTo(3);
        assertThat(command.team()).isEqualTo(new TeamId(7));
        assertThat(command.reason()).contains("spam");
    }

    @Test
    void alreadyRemovedIsA200AndTheRefusalsAreProblemDetails() {
        api.members.behaviour = c -> new RemovalResult(RemovalResult.Outcome.ALREADY_REMOVED, "Member already removed.",
                ((RemoveMemberCommand) c).email(), Optional.of("Alpha"), false);
        HttpResponse<String> again = post(REMOVE, "{\"email\":\"alice@example.com\",\"team_id\":7}", reseller);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(api.json(again).get("code_usage_restored").asBoolean()).isFalse();
        assertThat(api.json(again).get("status").asText()).isEqualTo("ALREADY_REMOVED");

        api.members.refuseWith(new DomainException(ErrorCode.REMOVAL_IN_PROGRESS, "being removed"));
        problem(post(REMOVE, "{\"email\":\"alice@example.com\",\"team_id\":7}", reseller), 409, "REMOVAL_IN_PROGRESS");
        api.members.refuseWith(new DomainException(ErrorCode.PROVIDER_FAILED, "provider down; nothing changed"));
        HttpResponse<String> failed = post(REMOVE, "{\"email\":\"alice@example.com\",\"team_id\":7}", reseller);
        problem(failed, 502, "PROVIDER_FAILED");
        assertThat(api.json(failed).get("detail").asText()).isEqualTo("provider down; nothing changed");
        api.members.refuseWith(DomainException.notFound("No member with this e-mail in this team among your customers."));
        problem(post(REMOVE, "{\"email\":\"alice@example.com\",\"team_id\":7}", reseller), 404, "NOT_FOUND");
    }

    @Test
    void malformedRemovalsAre400BeforeTheUseCase() {
        problem(post(REMOVE, "{\"team_id\":7}", reseller), 400, "VALIDATION_FAILED");
        problem(post(REMOVE, "{\"email\":\"alice@example.com\"}", reseller), 400, "VALIDATION_FAILED");
        problem(post(REMOVE, "{\"email\":\"not an email\",\"team_id\":7}", reseller), 400, "INVALID_EMAIL");
        problem(post(REMOVE, "{\"email\":\"alice@example.com\",\"team_id\":0}", reseller), 400, "VALIDATION_FAILED");
        problem(post(REMOVE, "{\"email\":\"alice@example.com\",\"team_id\":\"x\"}", reseller), 400, "VALIDATION_FAILED");
        problem(post(REMOVE, "{\"email\":\"alice@example.com\",\"team_id\":7,\"reason\":\"" + "x".repeat(201) + "\"}", reseller),
                400, "VALIDATION_FAILED");
        assertThat(api.members.calls).isEmpty();
    }

    @Test
    void reinviteAnswersLikeARedemption() {
        HttpResponse<String> response = post(ADD, "{\"email\":\"alice@example.com\",\"team_id\":7}", reseller);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(api.json(response).get("state").asText()).isEqualTo("INVITE_QUEUED");
        assertThat(api.json(response).get("team_name").asText()).isEqualTo("Alpha");
        assertThat(((ReinviteCommand) api.members.calls.get(0)).caller().value()).isEqualTo(3);
        api.members.refuseWith(new DomainException(ErrorCode.NOTHING_TO_REINVITE, "Only a member you removed can be re-invited."));
        problem(post(ADD, "{\"email\":\"alice@example.com\",\"team_id\":7}", reseller), 409, "NOTHING_TO_REINVITE");
    }

    @Test
    void staffRemoveByInvitationIdAndListTheFailures() {
        HttpResponse<String> response = post("/api/v1/admin/invitations/41/remove", "{\"reason\":\"abuse\"}", admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(api.json(response).get("code_usage_restored").asBoolean()).isTrue();
        assertThat(api.members.calls.get(0)).asList().contains(new InvitationId(41), Optional.of("abuse"));
        HttpResponse<String> noBody = api.method("POST", "/api/v1/admin/invitations/41/remove", admin);
        assertThat(noBody.statusCode()).as(noBody.body()).isEqualTo(200);
        problem(post("/api/v1/admin/invitations/x/remove", "{}", admin), 400, "VALIDATION_FAILED");

        HttpResponse<String> failures = api.get("/api/v1/admin/invitations/removal-failures?limit=1", admin);
        assertThat(failures.statusCode()).as(failures.body()).isEqualTo(200);
        JsonNode first = api.json(failures).get("items").get(0);
        assertThat(first.get("invitation_id").asLong()).isEqualTo(41);
        assertThat(first.get("removal_kind").asText()).isEqualTo("EXPIRE");
        assertThat(first.get("error").asText()).isEqualTo("EXPIRE failed: 503");
        assertThat(api.json(failures).get("next_after").asLong()).isEqualTo(41);
        problem(api.get("/api/v1/admin/invitations/removal-failures", reseller), 403, "FORBIDDEN");
    }

    @Test
    void rebindIsPublicParsesBeforeTheUseCaseAndIsRateLimitedThroughIt() {
        HttpResponse<String> response = post("/api/v1/public/rebind", "{\"code\":\"" + InPortFakes.CODE.value().toLowerCase()
                + "\",\"email\":\"Alice@Example.com\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = api.json(response);
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("team_name").asText()).isEqualTo("Beta");
        assertThat(body.get("previous_team_name").asText()).isEqualTo("Alpha");
        assertThat(body.get("invitation_id").asText()).isEqualTo(InPortFakes.INVITATION_ID.toString());
        RebindCommand command = (RebindCommand) api.members.calls.get(0);
        assertThat(command.code()).isEqualTo(InPortFakes.CODE);
        assertThat(command.clientAddress()).isEqualTo("127.0.0.1");

        problem(post("/api/v1/public/rebind", "{\"code\":\"nope\",\"email\":\"a@b.com\"}"), 400, "INVALID_CODE");
        assertThat(api.members.calls).hasSize(1);
        for (ErrorCode code : List.of(ErrorCode.REBIND_NOT_ALLOWED, ErrorCode.REBIND_LIMIT_REACHED, ErrorCode.NO_FREE_SEAT)) {
            api.members.refuseWith(new DomainException(code, "no"));
            problem(post("/api/v1/public/rebind", "{\"code\":\"" + InPortFakes.CODE.value() + "\",\"email\":\"a@b.com\"}"), 409, code.name());
        }
        api.members.refuseWith(new DomainException(ErrorCode.REBIND_WINDOW_OVER, "over"));
        problem(post("/api/v1/public/rebind", "{\"code\":\"" + InPortFakes.CODE.value() + "\",\"email\":\"a@b.com\"}"), 410, "REBIND_WINDOW_OVER");
    }
}

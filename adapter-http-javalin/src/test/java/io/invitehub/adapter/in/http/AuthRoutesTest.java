package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.domain.user.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.EnumSet;

import static io.invitehub.adapter.in.http.ApiFixture.FORM;
import static io.invitehub.adapter.in.http.ApiFixture.JSON;
import static io.invitehub.adapter.in.http.ApiFixture.contentType;
import static org.assertj.core.api.Assertions.assertThat;

class AuthRoutesTest {
    @RegisterExtension
    final ApiFixture api = new ApiFixture();

    @Test
    void loginWithFormFieldsAnswersTheReferenceShape() {
        HttpResponse<String> response = api.post("/api/v1/auth/login", FORM, "username=admin&password=admin-pass");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(
                "{\"access_token\":\"token-admin-0\",\"token_type\":\"bearer\",\"expires_in\":3600,\"role\":\"ADMIN\"}");
        assertThat(api.accounts.calls).containsExactly("login admin from 127.0.0.1");
    }

    @Test
    void loginWithJsonWorksAndAWrongPasswordIs401() {
        HttpResponse<String> ok = api.post("/api/v1/auth/login", JSON, "{\"username\":\"reseller\",\"password\":\"reseller-pass\"}");
        HttpResponse<String> wrong = api.post("/api/v1/auth/login", JSON, "{\"username\":\"reseller\",\"password\":\"nope\"}");

        assertThat(api.json(ok).get("access_token").asText()).isEqualTo("token-reseller-0");
        assertThat(api.json(ok).get("role").asText()).isEqualTo("DISTRIBUTOR");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(contentType(wrong)).isEqualTo("application/problem+json");
        assertThat(api.json(wrong).get("detail").asText()).isEqualTo("Invalid username or password.");
    }

    @Test
    void meAnswersTheCallersAccount() {
        HttpResponse<String> response = api.get("/api/v1/auth/me", api.bearer("reseller"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"id\":3,\"username\":\"reseller\",\"email\":\"reseller@example.com\","
                + "\"role\":\"DISTRIBUTOR\",\"approval\":\"APPROVED\"}");
    }

    @Test
    void aRevokedTokenIs401() {
        String[] old = api.bearer("reseller");
        api.accounts.revoke("reseller");

        HttpResponse<String> response = api.get("/api/v1/auth/me", old);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"InviteHub\"");
        assertThat(api.get("/api/v1/auth/me", api.bearer("reseller")).statusCode()).isEqualTo(200);
    }

    @Test
    void changePasswordUsesTheCallersId() {
        HttpResponse<String> response = api.post("/api/v1/auth/change-password", JSON,
                "{\"old_password\":\"operator-pass\",\"new_password\":\"brand-new-pass\"}", api.bearer("operator"));
        HttpResponse<String> missing = api.post("/api/v1/auth/change-password", JSON, "{\"old_password\":\"x\"}", api.bearer("operator"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(api.accounts.calls).containsExactly("change-password 2 operator-pass -> brand-new-pass");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(api.json(missing).get("detail").asText()).isEqualTo("new_password is required");
    }

    @Test
    void signUpIsPublic() {
        HttpResponse<String> sent = api.post("/api/v1/auth/send-verification-code", JSON, "{\"email\":\"Shop@Example.com\"}");
        HttpResponse<String> registered = api.post("/api/v1/auth/register-distributor", JSON,
                "{\"email\":\"shop@example.com\",\"username\":\"shop\",\"password\":\"long-enough\",\"code\":\"123456\"}");

        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(api.json(sent).get("sent").asBoolean()).isTrue();
        assertThat(registered.statusCode()).isEqualTo(201);
        assertThat(registered.body()).isEqualTo("{\"id\":200,\"username\":\"shop\",\"email\":\"shop@example.com\","
                + "\"role\":\"DISTRIBUTOR\",\"approval\":\"PENDING\"}");
        assertThat(api.accounts.calls).containsExactly("send-code shop@example.com from 127.0.0.1", "register shop 123456");
    }

    @Test
    void anAdminApprovesRejectsAndDeletesWithTheActorOfTheToken() {
        HttpResponse<String> pending = api.get("/api/v1/admins/pending-distributors?limit=50", api.bearer("admin"));
        HttpResponse<String> approved = api.post("/api/v1/admins/distributors/4/approve", JSON, "", api.bearer("admin"));
        HttpResponse<String> rejected = api.post("/api/v1/admins/distributors/4/reject", JSON, "{\"reason\":\"spam\"}", api.bearer("admin"));
        HttpResponse<String> suspended = api.post("/api/v1/admins/distributors/3/suspend", JSON, "", api.bearer("admin"));
        HttpResponse<String> reactivated = api.post("/api/v1/admins/distributors/3/reactivate", JSON, "", api.bearer("admin"));
        HttpResponse<String> deleted = api.delete("/api/v1/admins/distributors/4", api.bearer("admin"));
        HttpResponse<String> refused = api.delete("/api/v1/admins/distributors/99", api.bearer("admin"));

        // a list of InviteHub's own API: the keyset object, with ?limit= alone too (ADR 34)
        assertThat(pending.body()).isEqualTo("{\"items\":[{\"id\":4,\"username\":\"newcomer\",\"email\":\"newcomer@example.com\","
                + "\"role\":\"DISTRIBUTOR\",\"approval\":\"PENDING\"}],\"next_cursor\":null}");
        assertThat(api.json(approved).get("approval").asText()).isEqualTo("APPROVED");
        assertThat(api.json(rejected).get("approval").asText()).isEqualTo("REJECTED");
        assertThat(api.json(suspended).get("approval").asText()).isEqualTo("SUSPENDED");
        assertThat(api.json(reactivated).get("approval").asText()).isEqualTo("APPROVED");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(api.json(refused).get("code").asText()).isEqualTo("CONFLICT");
        assertThat(api.accounts.calls).containsExactly("pending limit=50 cursor=-", "approve 4 by Actor[1, ADMIN]",
                "reject spam 4 by Actor[1, ADMIN]", "suspend 3 by Actor[1, ADMIN]", "reactivate 3 by Actor[1, ADMIN]",
                "delete 4 by Actor[1, ADMIN]", "delete 99 by Actor[1, ADMIN]");
    }

    @Test
    void operatorsAndDistributorsMayNotApprove() {
        HttpResponse<String> operator = api.post("/api/v1/admins/distributors/4/approve", JSON, "", api.bearer("operator"));
        HttpResponse<String> distributor = api.get("/api/v1/admins/pending-distributors", api.bearer("reseller"));

        assertThat(operator.statusCode()).isEqualTo(403);
        assertThat(api.json(operator).get("detail").asText()).isEqualTo("Your role may not use this endpoint.");
        assertThat(distributor.statusCode()).isEqualTo(403);
        assertThat(api.accounts.calls).isEmpty();
    }

    @Test
    void theAccessTableListsTheRolesOfEachLevel() {
        assertThat(Access.ADMIN.allowed()).isEqualTo(EnumSet.of(Role.ADMIN));
        assertThat(Access.STAFF.allowed()).isEqualTo(EnumSet.of(Role.ADMIN, Role.OPERATOR));
        assertThat(Access.DISTRIBUTOR.allowed()).isEqualTo(EnumSet.of(Role.DISTRIBUTOR));
        assertThat(Access.SIGNED_IN.allowed()).isEqualTo(EnumSet.allOf(Role.class));
        assertThat(Access.bearerToken("bearer  abc ")).isEqualTo("abc");
        assertThat(Access.bearerToken("Bearer ")).isNull();
        assertThat(Access.bearerToken("Basic abc")).isNull();
        JsonNode anonymous = api.json(api.get("/api/v1/auth/me"));
        assertThat(anonymous.get("code").asText()).isEqualTo("UNAUTHORIZED");
    }
}

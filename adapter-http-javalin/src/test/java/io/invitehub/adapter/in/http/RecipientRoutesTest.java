package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.RateLimitedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;

import static io.invitehub.adapter.in.http.ApiFixture.JSON;
import static io.invitehub.adapter.in.http.InPortFakes.CODE;
import static org.assertj.core.api.Assertions.assertThat;

class RecipientRoutesTest {
    private static final String OPT_OUT = "/api/v1/public/opt-out";
    private static final String BLOCKLIST = "/api/v1/admins/blocklist";

    @RegisterExtension
    final ApiFixture api = new ApiFixture();

    @Test
    void theOwnerOptsOutWithCodeAndEmailAndARepeatSaysSo() {
        String body = "{\"code\":\"" + CODE.display() + "\",\"email\":\"Alice@Example.com\"}";
        HttpResponse<String> first = api.post(OPT_OUT, JSON, body);
        HttpResponse<String> second = api.post(OPT_OUT, JSON, body);

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode json = api.json(first);
        assertThat(json.get("opted_out").asBoolean()).isTrue();
        assertThat(json.get("already_opted_out").asBoolean()).isFalse();
        assertThat(json.get("email").asText()).isEqualTo("a***e@example.com");
        assertThat(api.json(second).get("already_opted_out").asBoolean()).isTrue();
        assertThat(api.recipients.optOuts).containsExactly("alice@example.com");
        assertThat(api.recipients.addresses).containsOnly("127.0.0.1");
    }

    @Test
    void malformedOptOutsAre400BeforeTheUseCase() {
        assertThat(api.post(OPT_OUT, JSON, "{\"code\":\"x\",\"email\":\"alice@example.com\"}").statusCode()).isEqualTo(400);
        assertThat(api.post(OPT_OUT, JSON, "{\"code\":\"" + CODE.display() + "\",\"email\":\"nope\"}").statusCode()).isEqualTo(400);
        assertThat(api.post(OPT_OUT, JSON, "").statusCode()).isEqualTo(400);
        assertThat(api.recipients.optOuts).isEmpty();
    }

    @Test
    void anAdminAddsListsAndRemovesBlocklistEntries() {
        HttpResponse<String> added = api.withBody("POST", BLOCKLIST, "{\"value\":\"spam.example\",\"reason\":\"reports\"}",
                api.bearer("admin"));
        assertThat(added.statusCode()).isEqualTo(201);
        JsonNode entry = api.json(added);
        assertThat(entry.get("kind").asText()).isEqualTo("DOMAIN");
        assertThat(entry.get("value").asText()).isEqualTo("spam.example");
        assertThat(entry.get("reason").asText()).isEqualTo("reports");

        JsonNode list = api.json(api.get(BLOCKLIST + "?limit=10", api.bearer("admin")));
        assertThat(list.size()).isEqualTo(1);
        assertThat(api.delete(BLOCKLIST + "/" + entry.get("id").asLong(), api.bearer("admin")).statusCode()).isEqualTo(204);
        assertThat(api.delete(BLOCKLIST + "/" + entry.get("id").asLong(), api.bearer("admin")).statusCode()).isEqualTo(404);
        assertThat(api.delete(BLOCKLIST + "/abc", api.bearer("admin")).statusCode()).isEqualTo(400);
    }

    @Test
    void onlyAnAdminReachesTheBlocklist() {
        assertThat(api.get(BLOCKLIST).statusCode()).isEqualTo(401);
        assertThat(api.get(BLOCKLIST, api.bearer("operator")).statusCode()).isEqualTo(403);
        assertThat(api.withBody("POST", BLOCKLIST, "{\"value\":\"x.example\"}", api.bearer("reseller")).statusCode()).isEqualTo(403);
        assertThat(api.recipients.blocks).isEmpty();
    }

    @Test
    void antiHarassmentRefusalsAreProblemsWithTheirCodesAndRetryAfter() {
        api.recipients.refuseWith(new RateLimitedException(ErrorCode.INVITATION_LIMIT_REACHED, "too many", Duration.ofMinutes(90)));
        HttpResponse<String> limited = api.post(OPT_OUT, JSON, "{\"code\":\"" + CODE.display() + "\",\"email\":\"a@example.com\"}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("5400");
        assertThat(api.json(limited).get("code").asText()).isEqualTo("INVITATION_LIMIT_REACHED");

        api.recipients.refuseWith(new DomainException(ErrorCode.RECIPIENT_BLOCKED, "blocked"));
        HttpResponse<String> blocked = api.post(OPT_OUT, JSON, "{\"code\":\"" + CODE.display() + "\",\"email\":\"a@example.com\"}");
        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(api.json(blocked).get("code").asText()).isEqualTo("RECIPIENT_BLOCKED");
        assertThat(api.json(blocked).get("detail").asText()).isEqualTo("blocked");
    }
}

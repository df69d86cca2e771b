package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.application.shared.port.in.PageCursor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distributor read side over HTTP with in-port fakes: shapes, parameters, the two list shapes,
 * 400s, and that the use cases get the authenticated caller (reseller = user 3), never an id from the request.
 */
class DistributorRoutesTest {
    private static final String ME = "/api/v1/distributors/me";

    @RegisterExtension
    final ApiFixture api = new ApiFixture();
    private String[] reseller;
    private String[] admin;

    @BeforeEach
    void start() {
        reseller = api.bearer("reseller");
        admin = api.bearer("admin");
    }

    private JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return api.json(response);
    }

    private void badRequest(HttpResponse<String> response, String detailPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(ApiFixture.contentType(response)).isEqualTo("application/problem+json");
        assertThat(api.json(response).get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.json(response).get("detail").asText()).contains(detailPart);
    }

    private String lastCall() {
        return api.readSide.calls.get(api.readSide.calls.size() - 1);
    }

    @Test
    void theSummaryIsTheCallersWithSnakeCaseNumbersAndMoneyAsDecimalStrings() {
        JsonNode body = ok(api.get(ME + "/summary?distributor_id=9", reseller));

        assertThat(lastCall()).isEqualTo("summary caller=3 distributor=3");
        assertThat(body.get("distributor_id").asLong()).isEqualTo(3);
        assertThat(body.get("total_codes").asLong()).isEqualTo(10);
        assertThat(body.get("active_codes").asLong()).isEqualTo(4);
        assertThat(body.get("depleted_codes").asLong()).isEqualTo(3);
        assertThat(body.get("expired_codes").asLong()).isEqualTo(2);
        assertThat(body.get("inactive_codes").asLong()).isEqualTo(1);
        assertThat(body.get("redeem_attempts").asLong()).isEqualTo(9);
        assertThat(body.get("invites_sent_success").asLong()).isEqualTo(8);
        assertThat(body.get("invites_accepted").asLong()).isEqualTo(7);
        assertThat(body.get("members_active").asLong()).isEqualTo(5);
        assertThat(body.get("members_removed").asLong()).isEqualTo(2);
        assertThat(body.get("total_revenue_estimate").isTextual()).isTrue();
        assertThat(body.get("total_revenue_estimate").asText()).isEqualTo("87.50");
        assertThat(body.get("unit_price").asText()).isEqualTo("12.50");
        assertThat(body.get("currency").asText()).isEqualTo("CNY");
        assertThat(body.get("business_day").asText()).isEqualTo("2025-03-01");
        assertThat(body.get("time_zone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(body.get("today").get("redeemed").asLong()).isEqualTo(1);
        assertThat(body.get("this_week").get("removed").asLong()).isEqualTo(1);
        assertThat(body.get("this_month").get("accepted").asLong()).isEqualTo(4);
    }

    @Test
    void salesPassEveryFilterAndAnswerItemsAndNextCursorUntilTheEnd() {
        JsonNode first = ok(api.get(ME + "/sales?limit=2&cursor=&status=joined&from=2025-02-01&to=2025-02-28T12:00:00%2B08:00&q=Car",
                reseller));
        assertThat(lastCall()).isEqualTo("sales caller=3 distributor=3 status=JOINED from=day:2025-02-01 "
                + "to=2025-02-28T04:00:00Z q=Car limit=2 cursor=-");
        assertThat(first.get("items")).hasSize(2);
        JsonNode row = first.get("items").get(0);
        assertThat(row.get("code").asText()).isEqualTo(InPortFakes.CODE.display());
        assertThat(row.get("email").asText()).isEqualTo("c0@example.com");
        assertThat(row.get("team_name").asText()).isEqualTo("Alpha");
        assertThat(row.get("status").asText()).isEqualTo("JOINED");
        assertThat(row.get("created_at").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(row.get("accepted_at").asText()).isEqualTo("2025-03-01T10:01:00Z");

        List<String> emails = new ArrayList<>();
        first.get("items").forEach(r -> emails.add(r.get("email").asText()));
        String cursor = first.get("next_cursor").asText();
        JsonNode second = ok(api.get(ME + "/sales?limit=2&cursor=" + cursor, reseller));
        second.get("items").forEach(r -> emails.add(r.get("email").asText()));
        assertThat(second.get("next_cursor").isNull()).isTrue();
        assertThat(emails).containsExactly("c0@example.com", "c1@example.com", "c2@example.com");
        assertThat(lastCall()).endsWith("limit=2 cursor=" + cursor);
    }

    @Test
    void everyListAnswersTheKeysetObjectWithOrWithoutLimitAndNoParameterGivesTheDefaultPage() {
        JsonNode limited = ok(api.get(ME + "/sales?limit=2", reseller));
        assertThat(limited.isObject()).isTrue();
        assertThat(limited.get("items")).hasSize(2);
        assertThat(limited.get("next_cursor").isTextual()).isTrue();
        assertThat(lastCall()).endsWith("limit=2 cursor=-");

        JsonNode paged = ok(api.get(ME + "/sales", reseller));
        assertThat(paged.isObject()).isTrue();
        assertThat(paged.get("items")).hasSize(3);
        assertThat(paged.has("next_cursor")).isTrue();
        assertThat(lastCall()).endsWith("limit=50 cursor=-");

        for (String list : List.of(ME + "/codes?limit=5", ME + "/members?limit=5", "/api/v1/distributors/3/sales?limit=5",
                "/api/v1/redeem-codes/5/records?limit=5")) {
            JsonNode body = ok(api.get(list, list.startsWith(ME) || list.contains("records") ? reseller : admin));
            assertThat(body.isObject()).as(list).isTrue();
            assertThat(body.get("items").isArray()).as(list).isTrue();
            assertThat(body.has("next_cursor")).as(list).isTrue();
        }
        assertThat(ok(api.get("/api/v1/distributors?limit=5", admin)).get("items").isArray()).isTrue();
    }

    @Test
    void badLimitsCursorsDaysAndStatusesAre400() {
        badRequest(api.get(ME + "/sales?limit=501", reseller), "limit must be between 1 and 500");
        badRequest(api.get(ME + "/sales?limit=0", reseller), "limit");
        badRequest(api.get(ME + "/sales?limit=ten", reseller), "limit");
        badRequest(api.get(ME + "/sales?cursor=not-a-cursor", reseller), "cursor");
        String tampered = PageCursor.of("sales", 1).encode();
        tampered = tampered.substring(0, tampered.length() - 2) + (tampered.endsWith("A") ? "BB" : "AA");
        badRequest(api.get(ME + "/sales?cursor=" + tampered, reseller), "cursor");
        badRequest(api.get(ME + "/codes?cursor=" + PageCursor.of("sales", 1).encode(), reseller), "cursor");
        badRequest(api.get(ME + "/sales-trend?days=367", reseller), "days");
        badRequest(api.get(ME + "/sales-trend?days=0", reseller), "days");
        badRequest(api.get(ME + "/sales-trend?days=x", reseller), "days");
        badRequest(api.get(ME + "/codes?status=sleeping", reseller), "status must be one of active, depleted, disabled, expired");
        badRequest(api.get(ME + "/sales?status=happy", reseller), "status");
        badRequest(api.get(ME + "/sales?from=yesterday", reseller), "from");
        badRequest(api.get("/api/v1/distributors?sort=height", admin), "sort");
        badRequest(api.get("/api/v1/distributors?status=angry", admin), "status");
        badRequest(api.get("/api/v1/distributors/abc/summary", admin), "distributor id");
        badRequest(api.method("PUT", ME + "/codes/x/toggle", reseller), "code id");
    }

    @Test
    void trendPlanRankingMembersAndCodesHaveTheirFields() {
        JsonNode trend = ok(api.get(ME + "/sales-trend", reseller));
        assertThat(trend).hasSize(30);
        assertThat(lastCall()).isEqualTo("trend caller=3 distributor=3 days=30");
        assertThat(trend.get(29).get("date").asText()).isEqualTo("2025-03-01");
        assertThat(trend.get(29).get("redeemed").asLong()).isEqualTo(2);
        assertThat(trend.get(0).fieldNames()).toIterable().containsExactly("date", "redeemed", "invited", "accepted", "removed");
        assertThat(ok(api.get(ME + "/sales-trend?days=366", reseller))).hasSize(366);

        JsonNode plans = ok(api.get(ME + "/plan-ranking", reseller));
        assertThat(plans.get(0).get("plan_name").asText()).isEqualTo("Monthly");
        assertThat(plans.get(0).get("codes_bought").asLong()).isEqualTo(20);
        assertThat(plans.get(0).get("members_accepted").asLong()).isEqualTo(9);

        JsonNode member = ok(api.get(ME + "/members?q=ali&cursor=", reseller)).get("items").get(0);
        assertThat(lastCall()).isEqualTo("members caller=3 distributor=3 q=ali limit=50 cursor=-");
        assertThat(member.get("id").asLong()).isEqualTo(41);
        assertThat(member.get("email").asText()).isEqualTo("alice@example.com");
        assertThat(member.get("team_id").asLong()).isEqualTo(3);
        assertThat(member.get("team_name").asText()).isEqualTo("Alpha");
        assertThat(member.get("redeem_code").asText()).isEqualTo(InPortFakes.CODE.display());
        assertThat(member.get("joined_at").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(member.get("status").asText()).isEqualTo("JOINED");

        JsonNode code = ok(api.get(ME + "/codes?status=Depleted&q=test", reseller)).get("items").get(0);
        assertThat(lastCall()).isEqualTo("codes caller=3 distributor=3 status=DEPLETED q=test limit=50 cursor=-");
        assertThat(code.get("status").asText()).isEqualTo("depleted");
        assertThat(code.get("usage").asText()).isEqualTo("1/1");
        assertThat(code.get("active").asBoolean()).isTrue();
        assertThat(code.get("bound_email").asText()).isEqualTo("alice@example.com");
    }

    @Test
    void codesAreToggledAndDeletedAsTheCallerUnderBothPaths() {
        JsonNode toggled = ok(api.method("PUT", ME + "/codes/5/toggle", reseller));
        assertThat(toggled.get("status").asText()).isEqualTo("disabled");
        assertThat(toggled.get("active").asBoolean()).isFalse();
        assertThat(lastCall()).isEqualTo("toggle caller=3 code=5");
        assertThat(ok(api.method("PUT", "/api/v1/redeem-codes/5/toggle", admin)).get("id").asLong()).isEqualTo(5);
        assertThat(lastCall()).isEqualTo("toggle caller=1 code=5");

        assertThat(api.delete(ME + "/codes/5", reseller).statusCode()).isEqualTo(204);
        assertThat(lastCall()).isEqualTo("delete caller=3 code=5");
        HttpResponse<String> used = api.delete("/api/v1/redeem-codes/7", reseller);
        assertThat(used.statusCode()).isEqualTo(409);
        assertThat(api.json(used).get("code").asText()).isEqualTo("CONFLICT");
        HttpResponse<String> hidden = api.delete(ME + "/codes/8", reseller);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(api.json(hidden).get("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aBatchDeleteAnswersPerIdAndRefusesABadBody() {
        JsonNode result = ok(api.withBody("DELETE", "/api/v1/redeem-codes/batch", "{\"ids\":[8,7,5]}", reseller));
        assertThat(lastCall()).isEqualTo("delete-all caller=3 codes=8,7,5");
        assertThat(result.get("deleted_count").asInt()).isEqualTo(1);
        assertThat(result.get("deleted").toString()).isEqualTo("[5]");
        assertThat(result.get("in_use").toString()).isEqualTo("[7]");
        assertThat(result.get("not_found").toString()).isEqualTo("[8]");
        badRequest(api.withBody("DELETE", "/api/v1/redeem-codes/batch", "{}", reseller), "ids is required");
        badRequest(api.withBody("DELETE", "/api/v1/redeem-codes/batch", "{\"ids\":[0]}", reseller), "positive");
        badRequest(api.withBody("DELETE", "/api/v1/redeem-codes/batch", "{\"ids\":\"5\"}", reseller), "ids");
    }

    @Test
    void redeemCodesListsTheCallersCodesAndStaffNameTheDistributor() {
        ok(api.get("/api/v1/redeem-codes", reseller));
        assertThat(lastCall()).startsWith("codes caller=3 distributor=3 ");
        ok(api.get("/api/v1/redeem-codes?distributor_id=9", reseller));
        assertThat(lastCall()).as("a distributor naming another one is passed on; the use case answers NOT_FOUND")
                .startsWith("codes caller=3 distributor=9 ");
        ok(api.get("/api/v1/redeem-codes?distributor_id=3", api.bearer("operator")));
        assertThat(lastCall()).startsWith("codes caller=2 distributor=3 ");
        badRequest(api.get("/api/v1/redeem-codes", admin), "distributor_id is required for staff");

        JsonNode record = ok(api.get("/api/v1/redeem-codes/5/records", reseller)).get("items").get(0);
        assertThat(lastCall()).isEqualTo("records caller=3 code=5 limit=50 cursor=-");
        assertThat(record.get("email").asText()).isEqualTo("alice@example.com");
        assertThat(record.get("status").asText()).isEqualTo("INVITED");
        assertThat(record.get("rebind").asBoolean()).isFalse();
        assertThat(record.get("invited_at").asText()).isEqualTo("2025-03-01T10:00:05Z");
        assertThat(api.get("/api/v1/redeem-codes/6/records", reseller).statusCode()).isEqualTo(404);
    }

    @Test
    void staffViewsPassTheStaffCallerAndTheDistributorOfThePath() {
        JsonNode list = ok(api.get("/api/v1/distributors?status=approved&sort=total_codes&limit=1&cursor=", admin));
        assertThat(lastCall()).isEqualTo("distributors caller=1 status=APPROVED sort=TOTAL_CODES limit=1 cursor=-");
        assertThat(list.get("items").get(0).get("username").asText()).isEqualTo("reseller");
        assertThat(list.get("items").get(0).get("approval").asText()).isEqualTo("APPROVED");
        assertThat(list.get("items").get(0).get("summary").get("total_codes").asLong()).isEqualTo(10);
        assertThat(list.get("next_cursor").isTextual()).isTrue();

        ok(api.get("/api/v1/distributors/3/summary", api.bearer("operator")));
        assertThat(lastCall()).isEqualTo("summary caller=2 distributor=3");
        ok(api.get("/api/v1/distributors/3/sales?status=invited", admin));
        assertThat(lastCall()).startsWith("sales caller=1 distributor=3 status=INVITED");
        ok(api.get("/api/v1/distributors/3/members", admin));
        assertThat(lastCall()).startsWith("members caller=1 distributor=3");
        assertThat(ok(api.get("/api/v1/distributors/3/sales-trend?days=7", admin))).hasSize(7);
        assertThat(lastCall()).isEqualTo("trend caller=1 distributor=3 days=7");

        JsonNode detail = ok(api.get("/api/v1/admins/distributors/3/detail", admin));
        assertThat(detail.get("username").asText()).isEqualTo("reseller");
        assertThat(detail.get("email").asText()).isEqualTo("reseller@example.com");
        assertThat(detail.has("password_hash")).isFalse();
        assertThat(detail.get("summary").get("invites_accepted").asLong()).isEqualTo(7);
        assertThat(api.get("/api/v1/admins/distributors/9/detail", admin).statusCode()).isEqualTo(404);

        JsonNode analytics = ok(api.get("/api/v1/admins/distributors/analytics", api.bearer("operator")));
        assertThat(lastCall()).isEqualTo("analytics caller=2");
        assertThat(analytics.get("distributors").asLong()).isEqualTo(2);
        assertThat(analytics.get("by_approval").get("APPROVED").asLong()).isEqualTo(1);
        assertThat(analytics.get("by_approval").get("SUSPENDED").asLong()).isEqualTo(0);
        assertThat(analytics.get("total_codes").asLong()).isEqualTo(20);
        assertThat(analytics.get("total_revenue_estimate").asText()).isEqualTo("175.00");
        assertThat(analytics.get("today").get("redeemed").asLong()).isEqualTo(2);
    }

    @Test
    void rolesAreCheckedBeforeAnyUseCaseIsCalled() {
        assertThat(api.get(ME + "/summary").statusCode()).isEqualTo(401);
        assertThat(api.get(ME + "/summary", admin).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/distributors/3/summary", reseller).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/admins/distributors/analytics", reseller).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/redeem-codes").statusCode()).isEqualTo(401);
        assertThat(api.readSide.calls).isEmpty();
    }
}

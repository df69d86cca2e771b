package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.invitehub.bootstrap.ReadSideWorld.json;
import static io.invitehub.bootstrap.ReadSideWorld.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distributor read side end to end over HTTP on real PostgreSQL: A reads and changes its own
 * data, and can neither see nor change B's.
 */
class DistributorReadSideHttpTest {
    private static ReadSideWorld w;

    @BeforeAll
    static void start() throws Exception {
        w = new ReadSideWorld();
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    @Test
    void aSeesItsOwnSummary() throws Exception {
        JsonNode summary = json(ok(w.get("/api/v1/distributors/me/summary", w.a), 200));
        assertThat(summary.get("distributor_id").asLong()).isEqualTo(w.aId);
        long aCodes = w.sql.count("select count(*) from redeem_codes where owner_id = " + w.aId);
        assertThat(summary.get("total_codes").asLong()).isEqualTo(aCodes).isBetween(7L, 8L);
        assertThat(summary.get("redeem_attempts").asLong()).isEqualTo(ReadSideWorld.A_SALES);
        assertThat(summary.get("today").get("redeemed").asLong()).isEqualTo(ReadSideWorld.A_SALES);
        assertThat(summary.get("total_revenue_estimate").asText()).isEqualTo("0.00");
        JsonNode bSummary = json(ok(w.get("/api/v1/distributors/me/summary", w.b), 200));
        assertThat(bSummary.get("total_codes").asLong()).isEqualTo(3);
        assertThat(json(ok(w.get("/api/v1/distributors/" + w.aId + "/summary", w.operator), 200)).get("total_codes").asLong())
                .isEqualTo(aCodes);
    }

    @Test
    void aWalksAllItsSalesWithTheCursorAndSeesEveryRowOnce() throws Exception {
        List<String> emails = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = json(ok(w.get("/api/v1/distributors/me/sales?limit=2&cursor=" + cursor, w.a), 200));
            page.get("items").forEach(row -> {
                emails.add(row.get("email").asText());
                assertThat(row.get("team_name").asText()).isEqualTo("Team One");
                assertThat(row.get("status").asText()).isEqualTo("RESERVED");
                assertThat(row.get("code").asText()).contains("-");
            });
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(emails).hasSize(ReadSideWorld.A_SALES).doesNotHaveDuplicates().allMatch(e -> e.startsWith("a-customer"));
        assertThat(new HashSet<>(emails)).hasSize(ReadSideWorld.A_SALES);

        // limit alone is a first page like any other: the keyset object, never the reference's plain array
        JsonNode limited = json(ok(w.get("/api/v1/distributors/me/sales?limit=3", w.a), 200));
        assertThat(limited.get("items")).hasSize(3);
        assertThat(limited.get("next_cursor").isTextual()).isTrue();
        HttpResponse<String> tampered = w.get("/api/v1/distributors/me/sales?limit=2&cursor=djF8c2FsZXN8eHw0", w.a);
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(json(tampered).get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(json(ok(w.get("/api/v1/distributors/me/members?cursor=", w.a), 200)).get("items")).isEmpty();
    }

    @Test
    void aListsTogglesAndDeletesItsOwnCodes() throws Exception {
        JsonNode codes = json(ok(w.get("/api/v1/distributors/me/codes?limit=100&cursor=", w.a), 200));
        Set<Long> listed = new HashSet<>();
        codes.get("items").forEach(c -> listed.add(c.get("id").asLong()));
        assertThat(listed).isSubsetOf(w.aCodes)
                .hasSize((int) w.sql.count("select count(*) from redeem_codes where owner_id = " + w.aId));
        assertThat(listed).doesNotContainAnyElementsOf(w.bCodes);
        assertThat(json(ok(w.get("/api/v1/distributors/me/codes?status=depleted&cursor=", w.a), 200)).get("items"))
                .hasSize(ReadSideWorld.A_SALES);

        long unused = w.aCodes.get(6);
        JsonNode off = json(ok(w.send("PUT", "/api/v1/distributors/me/codes/" + unused + "/toggle", w.a, null), 200));
        assertThat(off.get("status").asText()).isEqualTo("disabled");
        assertThat(json(ok(w.get("/api/v1/distributors/me/summary", w.a), 200)).get("inactive_codes").asLong()).isEqualTo(1);
        JsonNode on = json(ok(w.send("PUT", "/api/v1/redeem-codes/" + unused + "/toggle", w.a, null), 200));
        assertThat(on.get("status").asText()).isEqualTo("active");

        HttpResponse<String> used = w.send("DELETE", "/api/v1/distributors/me/codes/" + w.aCodes.get(0), w.a, null);
        assertThat(used.statusCode()).isEqualTo(409);
        long deletable = w.aCodes.get(7);
        ok(w.send("DELETE", "/api/v1/distributors/me/codes/" + deletable, w.a, null), 204);
        assertThat(w.sql.count("select count(*) from redeem_codes where id = " + deletable)).isZero();

        JsonNode records = json(ok(w.get("/api/v1/redeem-codes/" + w.aCodes.get(0) + "/records", w.a), 200));
        assertThat(records).hasSize(2); // {items, next_cursor}
        assertThat(records.get("items").get(0).get("email").asText()).isEqualTo("a-customer0@example.com");
    }

    @Test
    void aCanNeitherSeeNorChangeBsData() throws Exception {
        long bCode = w.bCodes.get(2); // unused: a delete would succeed if A were allowed
        for (String[] call : new String[][]{
                {"PUT", "/api/v1/distributors/me/codes/" + bCode + "/toggle"},
                {"DELETE", "/api/v1/distributors/me/codes/" + bCode},
                {"PUT", "/api/v1/redeem-codes/" + bCode + "/toggle"},
                {"DELETE", "/api/v1/redeem-codes/" + bCode},
                {"GET", "/api/v1/redeem-codes/" + bCode + "/records"},
                {"GET", "/api/v1/redeem-codes/" + w.bCodes.get(0) + "/records"},
                {"GET", "/api/v1/redeem-codes?distributor_id=" + w.bId}}) {
            HttpResponse<String> response = w.send(call[0], call[1], w.a, null);
            assertThat(response.statusCode()).as(call[0] + " " + call[1]).isEqualTo(404);
            assertThat(json(response).get("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(response.body()).doesNotContain("b-customer").doesNotContain("dist-b");
        }
        // an unknown id answers exactly the same (no existence leak)
        HttpResponse<String> unknown = w.send("PUT", "/api/v1/redeem-codes/999999/toggle", w.a, null);
        HttpResponse<String> foreign = w.send("PUT", "/api/v1/redeem-codes/" + bCode + "/toggle", w.a, null);
        assertThat(json(unknown).get("detail").asText().replace("999999", "#"))
                .isEqualTo(json(foreign).get("detail").asText().replace(Long.toString(bCode), "#"));

        JsonNode batch = json(ok(w.send("DELETE", "/api/v1/redeem-codes/batch", w.a, "{\"ids\":[" + bCode + "]}"), 200));
        assertThat(batch.get("deleted_count").asInt()).isZero();
        assertThat(batch.get("not_found").get(0).asLong()).isEqualTo(bCode);

        for (String path : List.of("/api/v1/distributors/" + w.bId + "/summary", "/api/v1/distributors/" + w.bId + "/sales",
                "/api/v1/admins/distributors/" + w.bId + "/detail", "/api/v1/distributors")) {
            assertThat(w.get(path, w.a).statusCode()).as(path).isEqualTo(403);
        }
        JsonNode bCodes = json(ok(w.get("/api/v1/distributors/me/codes?cursor=", w.b), 200));
        assertThat(bCodes.get("items")).hasSize(3);
        assertThat(bCodes.get("items").findValuesAsText("status")).doesNotContain("disabled");
        JsonNode aSales = json(ok(w.get("/api/v1/distributors/me/sales?limit=100", w.a), 200)).get("items");
        assertThat(aSales.findValuesAsText("email")).noneMatch(e -> e.startsWith("b-"));
    }

    @Test
    void staffSeeTheListDetailAndPlatformTotals() throws Exception {
        JsonNode list = json(ok(w.get("/api/v1/distributors?status=approved&sort=total_codes&limit=1&cursor=", w.admin), 200));
        assertThat(list.get("items").get(0).get("id").asLong()).isEqualTo(w.aId);
        assertThat(list.get("next_cursor").isTextual()).isTrue();
        JsonNode detail = json(ok(w.get("/api/v1/admins/distributors/" + w.bId + "/detail", w.operator), 200));
        assertThat(detail.get("username").asText()).isEqualTo("dist-b");
        assertThat(detail.get("summary").get("total_codes").asLong()).isEqualTo(3);
        JsonNode analytics = json(ok(w.get("/api/v1/admins/distributors/analytics", w.admin), 200));
        assertThat(analytics.get("total_codes").asLong()).isEqualTo(
                w.sql.count("select count(*) from redeem_codes where owner_id is not null"));
        assertThat(analytics.get("today").get("redeemed").asLong()).isEqualTo(
                w.sql.count("select count(*) from invitations where distributor_id is not null and not is_rebind"));
        assertThat(analytics.get("by_approval").get("SUSPENDED").asLong()).isEqualTo(1);
        assertThat(json(ok(w.get("/api/v1/redeem-codes?distributor_id=" + w.bId + "&limit=10", w.operator), 200)).get("items")).hasSize(3);
    }
}

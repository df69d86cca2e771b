package io.invitehub.bootstrap.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.bootstrap.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.invitehub.bootstrap.console.ConsoleWorld.json;
import static io.invitehub.bootstrap.console.ConsoleWorld.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes the staff console added (issue 14) on the real service and PostgreSQL: staff accounts with
 * temporary passwords and the forced change, disabling, the audit log's filters and keyset pages, the platform
 * trend against the sum of the distributors' trends, platform codes, team groups and the deletion of a team,
 * invitation search, opt-outs, the overview's alerts and one distributor's orders.
 */
class StaffApiHttpTest {
    private static ConsoleWorld world;
    private static Sql sql;

    @BeforeAll
    static void start() {
        world = new ConsoleWorld(Map.of());
        sql = new Sql(world.database);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void anOperatorStartsWithATemporaryPasswordChangesItAndIsDisabledAndEnabledAgain() {
        JsonNode created = json(ok(world.send("POST", "/api/v1/admin/accounts", world.admin, "{\"username\":\"olga\",\"email\":\"olga@example.com\"}"), 201));
        String temporary = created.get("temporary_password").asText();
        long olga = created.get("account").get("id").asLong();
        assertThat(created.get("account").get("role").asText()).isEqualTo("OPERATOR");
        assertThat(created.get("account").get("must_change_password").asBoolean()).isTrue();
        assertThat(temporary).matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}");
        assertThat(sql.text("select password_hash from users where id = " + olga)).doesNotContain(temporary);

        JsonNode login = json(ok(world.send("POST", "/api/v1/auth/login", null, credentials("olga", temporary)), 200));
        assertThat(login.get("must_change_password").asBoolean()).isTrue();
        String token = login.get("access_token").asText();
        HttpResponse<String> refused = world.send("GET", "/api/v1/admin/teams", token, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("code").asText()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
        assertThat(json(ok(world.send("GET", "/api/v1/auth/me", token, null), 200)).get("username").asText()).isEqualTo("olga");
        ok(world.send("POST", "/api/v1/auth/change-password", token,
                "{\"old_password\":\"" + temporary + "\",\"new_password\":\"olga-own-password\"}"), 204);
        JsonNode again = json(ok(world.send("POST", "/api/v1/auth/login", null, credentials("olga", "olga-own-password")), 200));
        assertThat(again.has("must_change_password")).isFalse();
        String own = again.get("access_token").asText();
        ok(world.send("GET", "/api/v1/admin/teams", own, null), 200);
        // an operator may not manage accounts
        assertThat(world.send("GET", "/api/v1/admin/accounts", own, null).statusCode()).isEqualTo(403);

        JsonNode disabled = json(ok(world.send("POST", "/api/v1/admin/accounts/" + olga + "/disable", world.admin, null), 200));
        assertThat(disabled.get("disabled").asBoolean()).isTrue();
        assertThat(world.send("GET", "/api/v1/admin/teams", own, null).statusCode()).as("the token is revoked").isEqualTo(401);
        HttpResponse<String> signIn = world.send("POST", "/api/v1/auth/login", null, credentials("olga", "olga-own-password"));
        assertThat(signIn.statusCode()).isEqualTo(403);
        assertThat(json(signIn).get("detail").asText()).contains("disabled");
        ok(world.send("POST", "/api/v1/admin/accounts/" + olga + "/enable", world.admin, null), 200);
        ok(world.send("POST", "/api/v1/auth/login", null, credentials("olga", "olga-own-password")), 200);

        long admin = sql.count("select id from users where username = 'admin'");
        assertThat(json(world.send("POST", "/api/v1/admin/accounts/" + admin + "/disable", world.admin, null)).get("code").asText())
                .isEqualTo("CONFLICT");
        assertThat(world.send("POST", "/api/v1/admin/accounts/" + admin + "/reset-password", world.admin, null).statusCode()).isEqualTo(409);
        assertThat(world.send("POST", "/api/v1/admin/accounts", world.admin, "{\"username\":\"olga\"}").statusCode()).isEqualTo(409);

        JsonNode staff = json(ok(world.send("GET", "/api/v1/admin/accounts?limit=50&cursor=", world.admin, null), 200));
        assertThat(staff.get("items").findValuesAsText("username")).contains("admin", "olga").doesNotContain("erin");
    }

    @Test
    void aResetGivesADistributorATemporaryPasswordThatMustBeReplaced() {
        long dana = world.distributor("dana", "dana-password");
        String old = world.login("dana", "dana-password");
        JsonNode reset = json(ok(world.send("POST", "/api/v1/admin/accounts/" + dana + "/reset-password", world.admin, null), 200));
        String temporary = reset.get("temporary_password").asText();
        assertThat(world.send("GET", "/api/v1/distributors/me/summary", old, null).statusCode()).as("tokens end").isEqualTo(401);
        assertThat(world.send("POST", "/api/v1/auth/login", null, credentials("dana", "dana-password")).statusCode()).isEqualTo(401);
        String token = json(ok(world.send("POST", "/api/v1/auth/login", null, credentials("dana", temporary)), 200)).get("access_token").asText();
        assertThat(json(world.send("GET", "/api/v1/distributors/me/summary", token, null)).get("code").asText())
                .isEqualTo("PASSWORD_CHANGE_REQUIRED");
        ok(world.send("POST", "/api/v1/auth/change-password", token, "{\"old_password\":\"" + temporary + "\",\"new_password\":\"dana-password-2\"}"), 204);
        ok(world.send("GET", "/api/v1/distributors/me/summary", world.login("dana", "dana-password-2"), null), 200);
    }

    @Test
    void theAuditLogFiltersByActorActionAndTimeInKeysetPages() {
        for (int i = 0; i < 3; i++) {
            ok(world.send("POST", "/api/v1/admin/team-groups", world.admin, "{\"name\":\"audit-group-" + i + "\"}"), 201);
        }
        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = json(ok(world.send("GET", "/api/v1/admin/audit-log?action=team_group_create&actor=ADMIN&limit=2&cursor=" + cursor,
                    world.admin, null), 200));
            page.get("items").forEach(e -> {
                assertThat(e.get("action").asText()).isEqualTo("TEAM_GROUP_CREATE");
                assertThat(e.get("actor").asText()).isEqualTo("admin");
                assertThat(e.get("actor_role").asText()).isEqualTo("ADMIN");
                seen.add(e.get("id").asText());
            });
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            pages++;
        } while (cursor != null);
        long expected = sql.count("select count(*) from audit_log where action = 'TEAM_GROUP_CREATE'");
        assertThat(expected).isGreaterThanOrEqualTo(3);
        assertThat(seen).hasSize((int) expected).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo((int) (expected + 1) / 2);
        List<Long> ids = seen.stream().map(Long::parseLong).toList();
        assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        JsonNode first = json(ok(world.send("GET", "/api/v1/admin/audit-log?action=TEAM_GROUP_CREATE&limit=1&cursor=", world.admin, null), 200));
        String foreign = first.get("next_cursor").asText();
        assertThat(world.send("GET", "/api/v1/admin/audit-log?action=TEAM_CREATE&limit=1&cursor=" + foreign, world.admin, null).statusCode())
                .as("a cursor of another filter").isEqualTo(400);
        assertThat(json(ok(world.send("GET", "/api/v1/admin/audit-log?actor=nobody-at-all&cursor=", world.admin, null), 200)).get("items"))
                .isEmpty();
        assertThat(json(ok(world.send("GET", "/api/v1/admin/audit-log?action=TEAM_GROUP_CREATE&from=2999-01-01&cursor=", world.admin, null), 200))
                .get("items")).isEmpty();
        assertThat(json(ok(world.send("GET", "/api/v1/admin/audit-log?action=TEAM_GROUP_CREATE&to=1999-01-01&cursor=", world.admin, null), 200))
                .get("items")).isEmpty();
        assertThat(world.send("GET", "/api/v1/admin/audit-log?from=2026-01-02&to=2026-01-01", world.admin, null).statusCode()).isEqualTo(400);
    }

    @Test
    void thePlatformTrendIsTheSumOfTheDistributorsTrends() {
        long a = world.distributor("trend-a", "trend-a-password");
        long b = world.distributor("trend-b", "trend-b-password");
        world.team("Trend Team", 20);
        List<String> aCodes = world.grant(a, 2);
        List<String> bCodes = world.grant(b, 1);
        world.redeem(aCodes.get(0), "trend-1@example.com");
        world.redeem(aCodes.get(1), "trend-2@example.com");
        world.redeem(bCodes.get(0), "trend-3@example.com");
        JsonNode platform = json(ok(world.send("GET", "/api/v1/admin/sales-trend?days=30", world.admin, null), 200));
        assertThat(platform.get("time_zone").asText()).isEqualTo("Asia/Shanghai");
        JsonNode days = platform.get("days");
        assertThat(days).hasSize(30);
        assertThat(days.get(29).get("date").asText()).isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
        long[] sum = new long[30];
        for (JsonNode d : distributorIds()) {
            JsonNode trend = world.get("/api/v1/distributors/" + d.asLong() + "/sales-trend?days=30", world.admin);
            for (int i = 0; i < 30; i++) {
                sum[i] += trend.get(i).get("redeemed").asLong();
            }
        }
        for (int i = 0; i < 30; i++) {
            assertThat(days.get(i).get("redeemed").asLong()).as("day " + i).isEqualTo(sum[i]);
        }
        assertThat(days.get(29).get("redeemed").asLong()).isGreaterThanOrEqualTo(3);
        String distributorToken = world.login("trend-a", "trend-a-password");
        assertThat(world.send("GET", "/api/v1/admin/sales-trend", distributorToken, null).statusCode()).isEqualTo(403);
        assertThat(world.send("GET", "/api/v1/admin/sales-trend?days=367", world.admin, null).statusCode()).isEqualTo(400);
    }

    private static List<JsonNode> distributorIds() {
        List<JsonNode> ids = new ArrayList<>();
        world.get("/api/v1/distributors?limit=500&cursor=", world.admin).get("items").forEach(d -> ids.add(d.get("id")));
        return ids;
    }

    @Test
    void platformCodesAreListedWithoutTheDistributorsCodes() {
        JsonNode issued = json(ok(world.send("POST", "/api/v1/redeem-codes", world.admin, "{\"count\":3,\"max_uses\":1,\"validity_days\":30}"), 201));
        long owner = world.distributor("codes-owner", "codes-owner-password");
        List<String> granted = world.grant(owner, 2);
        List<String> listed = new ArrayList<>();
        String cursor = "";
        while (cursor != null) {
            JsonNode page = world.get("/api/v1/admin/platform-codes?limit=2&cursor=" + cursor, world.admin);
            page.get("items").forEach(c -> listed.add(c.get("code").asText()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        }
        issued.get("codes").forEach(c -> assertThat(listed).contains(c.asText()));
        assertThat(listed).doesNotContainAnyElementsOf(granted).hasSize((int) sql.count("select count(*) from redeem_codes where owner_id is null"));
        long id = world.get("/api/v1/admin/platform-codes?limit=1&cursor=", world.admin).get("items").get(0).get("id").asLong();
        ok(world.send("PUT", "/api/v1/redeem-codes/" + id + "/toggle", world.admin, null), 200);
        JsonNode disabled = world.get("/api/v1/admin/platform-codes?status=disabled&cursor=", world.admin);
        assertThat(disabled.get("items").findValuesAsText("id")).containsExactly(Long.toString(id));
        String prefix = issued.get("codes").get(1).asText().substring(0, 9);
        assertThat(world.get("/api/v1/admin/platform-codes?q=" + prefix + "&cursor=", world.admin).get("items").findValuesAsText("code"))
                .contains(issued.get("codes").get(1).asText());
    }

    @Test
    void aTeamIsDeletedOnlyOnceNobodyIsInItAndTheGroupsCountTheirTeams() {
        long group = json(ok(world.send("POST", "/api/v1/admin/team-groups", world.admin, "{\"name\":\"Delete Group\"}"), 201)).get("id").asLong();
        long team = json(ok(world.send("POST", "/api/v1/admin/teams", world.admin,
                "{\"name\":\"Doomed\",\"provider_account_id\":\"acct-doomed\",\"max_seats\":5,\"group_id\":" + group + "}"), 201)).get("id").asLong();
        JsonNode groups = world.get("/api/v1/admin/team-groups", world.admin);
        JsonNode mine = null;
        for (JsonNode g : groups) {
            if (g.get("id").asLong() == group) {
                mine = g;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("teams").asInt()).isEqualTo(1);
        assertThat(mine.get("waiting").asLong()).isZero();

        long owner = world.distributor("doomed-owner", "doomed-owner-password");
        String code = json(ok(world.send("POST", "/api/v1/distributors/" + owner + "/grant-codes", world.admin,
                "{\"count\":1,\"max_uses\":1,\"validity_days\":30,\"group_id\":" + group + "}"), 201)).get("codes").get(0).asText();
        world.redeem(code, "doomed-member@example.com");
        long invitation = ConsoleWorld.await(() -> {
            long id = sql.count("select coalesce(max(id), 0) from invitations where team_id = " + team + " and state in ('INVITED', 'JOINED')");
            return id > 0 ? id : null;
        });
        HttpResponse<String> refused = world.send("DELETE", "/api/v1/admin/teams/" + team, world.admin, null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("detail").asText()).contains("live invitation");
        ok(world.send("POST", "/api/v1/admin/invitations/" + invitation + "/remove", world.admin, "{\"reason\":\"test\"}"), 200);
        ok(world.send("DELETE", "/api/v1/admin/teams/" + team, world.admin, null), 204);
        assertThat(sql.count("select count(*) from teams where id = " + team)).isZero();
        assertThat(sql.text("select state || '/' || coalesce(team_id::text, 'none') from invitations where id = " + invitation)).isEqualTo("REMOVED/none");
        assertThat(world.send("DELETE", "/api/v1/admin/teams/" + team, world.admin, null).statusCode()).isEqualTo(404);
        assertThat(sql.count("select count(*) from audit_log where action = 'TEAM_DELETE' and target_id = '" + team + "'")).isEqualTo(1);
        // the history stays searchable, without the team
        JsonNode found = world.get("/api/v1/admin/invitations?q=" + code + "&cursor=", world.admin).get("items");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("state").asText()).isEqualTo("REMOVED");
        assertThat(found.get(0).get("team_id").isNull()).isTrue();
        assertThat(found.get(0).get("distributor").asText()).isEqualTo("doomed-owner");
    }

    @Test
    void invitationsAreFoundByEMailOrByCodeAsTyped() {
        world.team("Search Team", 10);
        long owner = world.distributor("search-owner", "search-owner-password");
        List<String> codes = world.grant(owner, 2);
        world.redeem(codes.get(0), "Searched@Example.com");
        world.redeem(codes.get(1), "searched@example.com".replace("searched", "other-searched"));
        JsonNode byEmail = world.get("/api/v1/admin/invitations?q=SEARCHED@example.com&cursor=", world.admin).get("items");
        assertThat(byEmail).hasSize(1);
        assertThat(byEmail.get(0).get("code").asText()).isEqualTo(codes.get(0));
        String typed = codes.get(1).toLowerCase().replace("-", " ");
        JsonNode byCode = world.get("/api/v1/admin/invitations?q=" + java.net.URLEncoder.encode(typed, java.nio.charset.StandardCharsets.UTF_8)
                + "&cursor=", world.admin).get("items");
        assertThat(byCode).hasSize(1);
        assertThat(byCode.get(0).get("email").asText()).isEqualTo("other-searched@example.com");
        assertThat(world.send("GET", "/api/v1/admin/invitations?q=ab%25&cursor=", world.admin, null).statusCode()).isEqualTo(400);
        assertThat(world.send("GET", "/api/v1/admin/invitations?cursor=", world.admin, null).statusCode()).isEqualTo(400);
    }

    @Test
    void optOutsAreListedNewestFirstAndGoneOnceLifted() {
        world.team("Opt Team", 10);
        long owner = world.distributor("opt-owner", "opt-owner-password");
        List<String> codes = world.grant(owner, 3);
        for (int i = 0; i < 3; i++) {
            world.redeem(codes.get(i), "opt-" + i + "@example.com");
            ok(world.send("POST", "/api/v1/public/opt-out", null, "{\"code\":\"" + codes.get(i) + "\",\"email\":\"opt-" + i + "@example.com\"}"), 200);
        }
        List<String> emails = new ArrayList<>();
        String cursor = "";
        while (cursor != null) {
            JsonNode page = world.get("/api/v1/admins/opt-outs?limit=2&cursor=" + cursor, world.admin);
            page.get("items").forEach(o -> emails.add(o.get("email").asText()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        }
        assertThat(emails).containsSubsequence("opt-2@example.com", "opt-1@example.com", "opt-0@example.com").doesNotHaveDuplicates();
        JsonNode one = world.get("/api/v1/admins/opt-outs?email=opt-1@example.com&cursor=", world.admin).get("items");
        assertThat(one).hasSize(1);
        assertThat(one.get(0).get("code").asText()).isEqualTo(codes.get(1));
        ok(world.send("POST", "/api/v1/admins/opt-outs/lift", world.admin, "{\"email\":\"opt-1@example.com\"}"), 204);
        assertThat(world.get("/api/v1/admins/opt-outs?email=opt-1@example.com&cursor=", world.admin).get("items")).isEmpty();
    }

    @Test
    void theAlertsCountTeamsTheProviderRefusedAndTheWaitingQueue() throws Exception {
        JsonNode before = world.get("/api/v1/admin/alerts", world.admin);
        long team = world.team("Alert Team", 1);
        ((io.invitehub.adapter.out.provider.simulated.SimulatedTeamProvider) world.hub.teamProvider()).invalidateToken("acct-Alert-Team");
        ConsoleWorld.await(() -> "TOKEN_INVALID".equals(sql.text("select status from teams where id = " + team)) ? true : null);
        JsonNode after = world.get("/api/v1/admin/alerts", world.admin);
        assertThat(after.get("teams_token_invalid").asLong()).isEqualTo(before.get("teams_token_invalid").asLong() + 1);
        assertThat(after.get("waiting").asLong()).isEqualTo(sql.count("select count(*) from invitations where state = 'WAITING'"));
        assertThat(after.get("removal_failures").asLong()).isEqualTo(sql.count("select count(*) from invitations where removal_failed"));
        assertThat(after.has("payment_alert_days")).as("open alerts count whatever their age (V54)").isFalse();
        ok(world.send("PATCH", "/api/v1/admin/teams/" + team, world.admin, "{\"status\":\"PAUSED\"}"), 200);
        assertThat(world.get("/api/v1/admin/alerts", world.admin).get("teams_paused").asLong()).isEqualTo(before.get("teams_paused").asLong() + 1);
    }

    @Test
    void oneDistributorsOrdersAreListedForStaff() {
        long plan = world.plan("Buyer Pack", "9.90", 1);
        long buyer = world.distributor("buyer", "buyer-password");
        world.distributor("other-buyer", "other-buyer-password");
        String token = world.login("buyer", "buyer-password");
        String other = world.login("other-buyer", "other-buyer-password");
        world.buy(token, plan, 1);
        world.buy(other, plan, 1);
        JsonNode orders = world.get("/api/v1/admin/orders?buyer_id=" + buyer + "&cursor=", world.admin).get("items");
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).get("buyer_id").asLong()).isEqualTo(buyer);
        assertThat(world.get("/api/v1/admin/orders?cursor=", world.admin).get("items").size()).isGreaterThanOrEqualTo(2);
    }

    private static String credentials(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }
}

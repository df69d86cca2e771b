package io.invitehub.bootstrap.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.bootstrap.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.invitehub.bootstrap.console.ConsoleJourneysTest.numbers;
import static io.invitehub.bootstrap.console.ConsoleJourneysTest.series;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff side of the console (issue 14) in real Chromium against the real service: an admin approves and rejects
 * sign-ups, reads the platform's numbers, grants codes, suspends and deletes (the refusal explained), creates a team
 * with the simulated provider and sees allocation skip it once paused, retries a failed fulfilment and reads the
 * payment alerts, blocks a domain and sees the public redeem refused, manages plans, platform codes, invitations,
 * accounts (a new operator's temporary password and its forced change), the audit log, the settings (an announcement
 * the customers' page then shows) and a distributor's custom domain (verified); an operator sees what
 * SPEC section 1 allows and nothing more, menu and direct URL alike. Every staff page in both languages is
 * photographed. Any console error or failed request fails the test (BrowserTest).
 */
@BrowserTest
class StaffConsoleJourneysTest {
    private static final List<String> ADMIN_MENU_ZH = List.of("概览", "分销商", "团队", "兑换码", "套餐", "订单", "邀请", "防骚扰", "自定义域名", "Webhook",
            "结算", "账号", "审计日志", "设置");
    private static final List<String> ADMIN_MENU_EN = List.of("Overview", "Distributors", "Teams", "Codes", "Plans", "Orders", "Invitations",
            "Anti-harassment", "Custom domains", "Webhooks", "Settlement", "Accounts", "Audit log", "Settings");
    private static final List<String> PAGES = List.of("/console", "/console/distributors", "/console/teams", "/console/codes", "/console/plans",
            "/console/orders", "/console/invitations", "/console/protection", "/console/custom-hosts", "/console/webhooks",
            "/console/settlement", "/console/accounts", "/console/audit", "/console/settings");
    private static ConsoleWorld world;
    private static Sql sql;
    private static long alpha;
    private static long planId;
    private static long acme;
    private static String acmeToken;
    private static List<String> acmeCodes;
    /** Last month's statements: sam owes the platform ¥30.00, the platform owes cora ¥12.00. */
    private static long sam;
    private static long cora;
    private static String lastMonth;

    @BeforeAll
    static void start() {
        world = new ConsoleWorld(Map.of("INVITEHUB_REINVITE_COOLDOWN", "0s", "INVITEHUB_TRUSTED_PROXIES", "127.0.0.1"));
        sql = new Sql(world.database);
        alpha = world.team("Team Alpha", 20);
        planId = world.plan("Pack of 5", "49.90", 5);
        acme = world.distributor("acme", "acme-password");
        acmeToken = world.login("acme", "acme-password");
        acmeCodes = world.grant(acme, 4);
        for (int i = 0; i < 3; i++) {
            world.redeem(acmeCodes.get(i), "acme-customer-" + i + "@example.com");
        }
        ConsoleWorld.await(() -> world.get("/api/v1/distributors/me/summary", acmeToken).get("invites_accepted").asLong() == 3 ? true : null);
        world.operator("oscar", "oscar-password");
        // what last month left in the ledger (an entry is stamped with its statement month as it is written), then the
        // monthly job writes last month's statements
        sam = world.distributor("sam", "sam-password");
        cora = world.distributor("cora", "cora-password");
        String lastMonthAt = "((date_trunc('month', now() at time zone 'Asia/Shanghai') - interval '5 days') at time zone 'Asia/Shanghai')";
        for (String[] entry : new String[][] {{Long.toString(sam), "ADJUSTMENT", "3000", "3000", "setup fee"},
                {Long.toString(cora), "REFUND", "1200", "-1200", "returned seats"}}) {
            sql.execute("insert into ledger_entries (distributor_id, kind, amount_minor, balance_minor, currency, period, occurred_at, reason)"
                    + " values (" + entry[0] + ", '" + entry[1] + "', " + entry[2] + ", " + entry[3] + ", (select currency from settlement_settings),"
                    + " settlement_period(" + entry[0] + ", " + lastMonthAt + "), " + lastMonthAt + ", '" + entry[4] + "')");
        }
        world.hub.settlement().writeStatements();
        lastMonth = sql.text("select to_char(" + lastMonthAt + " at time zone 'Asia/Shanghai', 'YYYY-MM')");
        assertThat(world.get("/api/v1/admin/statements?period=" + lastMonth, world.admin)).hasSize(2);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void anAdminReadsTheOverviewApprovesAndRejectsSignUpsGrantsCodesAndSuspends(Chromium browser) {
        long ivy = world.signUp("ivy", "ivy-password-1", "10.0.0.1");
        long jay = world.signUp("jay", "jay-password-1", "10.0.0.2");
        Pages pages = new Pages(browser, world.base);
        pages.signIn("admin", "admin-password");
        assertThat(pages.waitText(".page-title", "概览")).isEqualTo("概览");
        assertThat(pages.texts(".menu .menu-text")).containsExactlyElementsOf(ADMIN_MENU_ZH);
        pages.waitFor("ih-overview[data-ready=true]");
        JsonNode analytics = world.get("/api/v1/admins/distributors/analytics", world.admin);
        for (String key : List.of("invites_accepted", "members_active", "redeem_attempts", "total_codes", "distributors")) {
            assertThat(digits(pages.text("ih-overview [data-stat=" + key + "]"))).as(key).isEqualTo(analytics.get(key).asLong());
        }
        assertThat(pages.text("ih-overview [data-stat='by_approval.PENDING']")).isEqualTo(analytics.get("by_approval").get("PENDING").asText());
        assertThat(pages.text("ih-overview [data-stat=total_revenue_estimate]")).startsWith("¥").contains(analytics.get("total_revenue_estimate").asText());
        assertThat(pages.text(".alert-item[data-alert=pending] .alert-count")).isEqualTo(analytics.get("by_approval").get("PENDING").asText());
        JsonNode trend = world.get("/api/v1/admin/sales-trend?days=30", world.admin).get("days");
        List<Map<String, Object>> lines = series(pages.chartOption(".chart[data-chart=trend]"));
        assertThat(lines).extracting(s -> s.get("id")).containsExactly("redeemed", "invited", "accepted", "removed");
        for (Map<String, Object> line : lines) {
            List<Long> expected = new ArrayList<>();
            trend.forEach(day -> expected.add(day.get((String) line.get("id")).asLong()));
            assertThat(numbers(line.get("data"))).as("platform trend " + line.get("id")).containsExactlyElementsOf(expected);
        }
        long used = 0;
        for (JsonNode team : world.get("/api/v1/admin/teams", world.admin)) {
            used += team.get("group_id").isNull() ? team.get("seats_reserved").asLong() + team.get("external_seats").asLong() : 0;
        }
        assertThat(digits(pages.text(".seats-table tr[data-group=none] [data-seats=used]"))).isEqualTo(used);
        assertThat(series(pages.chartOption(".chart[data-chart=seats]"))).extracting(s -> s.get("id")).containsExactly("used", "free");
        pages.settle();
        pages.shot("zh-CN", "journey-staff-overview");

        pages.menu("/console/distributors");
        pages.click(".pending-card tr[data-key='" + ivy + "'] sl-button.approve");
        assertThat(pages.toast()).contains("ivy").contains("通过");
        assertThat(world.get("/api/v1/admins/distributors/" + ivy + "/detail", world.admin).get("approval").asText()).isEqualTo("APPROVED");
        pages.click(".pending-card tr[data-key='" + jay + "'] sl-button.reject");
        pages.type(".reject-dialog sl-textarea[name=reason]", "a second account of the same person");
        pages.settle();
        pages.shotWindow("zh-CN", "journey-staff-reject");
        pages.click(".reject-dialog sl-button.dialog-submit");
        assertThat(pages.toast()).contains("jay");
        assertThat(sql.text("select approval || ': ' || rejection_reason from users where id = " + jay))
                .isEqualTo("REJECTED: a second account of the same person");
        pages.waitFor(".pending-card .empty-state");

        Pages.pick(pages, ".distributor-list sl-select.filter-sort", "invites_accepted");
        pages.until(d -> d.findElements(By.cssSelector(".distributor-list tbody tr[data-key]")).stream().findFirst()
                .filter(r -> r.getAttribute("data-key").equals(Long.toString(acme))).orElse(null), "acme first by acceptances");
        String acmeRow = ".distributor-list tr[data-key='" + acme + "']";
        assertThat(pages.text(acmeRow + " [data-stat=invites_accepted]"))
                .isEqualTo(world.get("/api/v1/distributors/" + acme + "/summary", world.admin).get("invites_accepted").asText());
        pages.click(acmeRow + " sl-button.view-detail");
        pages.waitFor("ih-distributor-detail[data-ready=true]");
        JsonNode summary = world.get("/api/v1/distributors/" + acme + "/summary", world.admin);
        for (String key : List.of("invites_accepted", "members_active", "redeem_attempts", "total_codes")) {
            assertThat(digits(pages.text(".distributor-drawer [data-stat=" + key + "]"))).as(key).isEqualTo(summary.get(key).asLong());
        }
        long codesBefore = summary.get("total_codes").asLong();
        pages.click(".distributor-drawer sl-button.grant-codes");
        pages.type(".grant-dialog sl-input[name=count]", "3");
        pages.type(".grant-dialog sl-textarea[name=note]", "launch gift");
        pages.click(".grant-dialog sl-button.dialog-submit");
        assertThat(pages.toast()).isEqualTo("已向 acme 发放 3 个兑换码。");
        String issued = (String) pages.script("return document.querySelector('.issued-dialog textarea.issued-codes').value");
        assertThat(issued.split("\n")).hasSize(3);
        assertThat(world.get("/api/v1/distributors/" + acme + "/summary", world.admin).get("total_codes").asLong()).isEqualTo(codesBefore + 3);
        pages.click(".issued-dialog sl-button.dialog-close");
        pages.waitGone(".issued-dialog");
        pages.click(".distributor-drawer sl-tab.tab-codes");
        pages.until(d -> d.findElements(By.cssSelector(".distributor-drawer sl-tab-panel[name=codes] tbody tr[data-key]")).size() == 7 ? true : null,
                "acme's 7 codes");
        pages.settle();
        pages.shotWindow("zh-CN", "journey-staff-distributor");

        browser.allowFailure(r -> r.startsWith("DELETE " + world.base + "/api/v1/admins/distributors/" + acme + " ") && r.endsWith(" 409"));
        pages.click(".distributor-drawer sl-button.delete-distributor");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).isEqualTo("acme 有兑换码、订单或邀请，无法删除：请改为停用。");
        pages.click(".distributor-drawer sl-button.suspend");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).isEqualTo("acme 已停用。");
        assertThat(world.get("/api/v1/admins/distributors/" + acme + "/detail", world.admin).get("approval").asText()).isEqualTo("SUSPENDED");
        pages.click(".distributor-drawer sl-button.reactivate");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).isEqualTo("acme 已重新启用。");
        acmeToken = world.login("acme", "acme-password"); // the suspension ended its tokens
        pages.script("document.querySelector('.distributor-drawer').hide()");
        pages.waitGone(".distributor-drawer");

        pages.click(".create-distributor-button");
        pages.type(".create-distributor sl-input[name=username]", "kim");
        pages.type(".create-distributor sl-input[name=email]", "kim@example.com");
        pages.type(".create-distributor sl-input[name=password]", "kim-password-1");
        pages.click(".create-distributor sl-button.dialog-submit");
        assertThat(pages.toast()).contains("kim");
        assertThat(world.login("kim", "kim-password-1")).isNotBlank();
    }

    @Test
    void anAdminCreatesATeamPausesAnotherAndSeesAllocationSkipIt(Chromium browser) {
        Pages pages = new Pages(browser, world.base);
        pages.signIn("admin", "admin-password");
        pages.menu("/console/teams");
        pages.click(".create-team-button");
        pages.type(".create-team sl-input[name=name]", "Team Beta");
        pages.type(".create-team sl-input[name=provider_account_id]", "acct-beta");
        pages.type(".create-team sl-textarea[name=credentials]", "sim-token-beta");
        pages.type(".create-team sl-input[name=max_seats]", "5");
        pages.click(".create-team sl-button.dialog-submit");
        assertThat(pages.toast()).contains("Team Beta").contains("凭据验证通过");
        long beta = sql.count("select id from teams where name = 'Team Beta'");
        pages.waitFor("ih-teams tr[data-key='" + beta + "'] sl-tag[data-status=ACTIVE]");

        pages.click("ih-teams tr[data-key='" + alpha + "'] sl-button.pause");
        assertThat(pages.toast()).contains("Team Alpha");
        pages.waitFor("ih-teams tr[data-key='" + alpha + "'] sl-tag[data-status=PAUSED]");
        assertThat(world.redeem(acmeCodes.get(3), "skipped-alpha@example.com").get("team_name").asText())
                .as("a paused team takes no new member").isEqualTo("Team Beta");
        pages.settle();
        pages.shot("zh-CN", "journey-staff-teams");
        pages.click("ih-teams tr[data-key='" + alpha + "'] sl-button.resume");
        assertThat(pages.toast()).contains("Team Alpha");
        pages.waitFor("ih-teams tr[data-key='" + alpha + "'] sl-tag[data-status=ACTIVE]");

        browser.allowFailure(r -> r.startsWith("DELETE " + world.base + "/api/v1/admin/teams/" + beta + " ") && r.endsWith(" 409"));
        pages.click("ih-teams tr[data-key='" + beta + "'] sl-icon-button.team-more");
        pages.click("ih-teams tr[data-key='" + beta + "'] sl-menu-item.delete");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).isEqualTo("Team Beta 仍有成员或邀请：请先暂停，再移除他们或等待其结束。");
        long gamma = world.team("Team Gamma", 3);
        pages.menu("/console/codes");
        pages.menu("/console/teams");
        pages.click("ih-teams tr[data-key='" + gamma + "'] sl-icon-button.team-more");
        pages.click("ih-teams tr[data-key='" + gamma + "'] sl-menu-item.delete");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).isEqualTo("已删除 Team Gamma。");
        pages.waitGone("ih-teams tr[data-key='" + gamma + "']");
        assertThat(sql.count("select count(*) from teams where id = " + gamma)).isZero();

        pages.click(".create-group-button");
        pages.type(".create-group sl-input[name=name]", "VIP");
        pages.click(".create-group sl-button.dialog-submit");
        assertThat(pages.toast()).contains("VIP");
        assertThat(pages.waitText(".groups-card tbody", "VIP")).contains("VIP");

        pages.menu("/console/invitations");
        pages.type("sl-input.invitation-search", "skipped-alpha@example.com");
        pages.click("sl-button.search-invitations");
        assertThat(pages.waitText("ih-invitations tbody tr", "Team Beta")).contains("skipped-alpha@example.com").contains("acme");
    }

    @Test
    void anAdminRetriesAFailedFulfilmentAndReadsThePaymentAlerts(Chromium browser) {
        String orderNo = world.buy(acmeToken, planId, 1).get("order_no").asText();
        // the fulfilment worker gave up on this order (what it leaves behind: FAILED with the error), after delivering its codes
        sql.execute("update orders set fulfillment_status = 'FAILED', fulfillment_error = 'simulated: the code store did not answer'"
                + " where order_no = '" + orderNo + "'");
        // a payment that arrives for an order already closed: refused, and an alert for the money to refund
        JsonNode late = world.place(acmeToken, planId, 1);
        sql.execute("update orders set status = 'EXPIRED' where order_no = '" + late.get("order_no").asText() + "'");
        assertThat(world.pay(late)).isEqualTo("fail");

        Pages pages = new Pages(browser, world.base);
        pages.signIn("admin", "admin-password");
        pages.menu("/console/orders");
        String row = "ih-staff-orders tr[data-key='" + orderNo + "']";
        pages.waitFor(row + " sl-tag[data-status=FAILED]");
        assertThat(pages.text(row + " .fulfilment-error")).isEqualTo("simulated: the code store did not answer");
        pages.click(row + " sl-button.retry-fulfilment");
        assertThat(pages.text("sl-dialog.confirm-dialog .confirm-message")).contains("5 / 5");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).contains(orderNo);
        pages.waitFor(row + " sl-tag[data-status=COMPLETED]");
        assertThat(pages.text(row + " .progress-text")).isEqualTo("5 / 5");
        assertThat(world.get("/api/v1/admin/orders/" + orderNo, world.admin).get("fulfillment_status").asText()).isEqualTo("COMPLETED");
        pages.settle();
        pages.shot("zh-CN", "journey-staff-orders");

        pages.click("ih-staff-orders sl-tab.tab-alerts");
        String alert = pages.waitText("ih-staff-orders sl-tab-panel[name=alerts] tbody tr", late.get("order_no").asText());
        assertThat(alert).contains("订单已关闭");
        pages.settle();
        pages.shot("zh-CN", "journey-staff-payment-alerts");
    }

    @Test
    void anAdminBlocksADomainAndThePublicRedeemIsRefusedAndLiftsAnOptOut(Chromium browser) {
        ConsoleWorld.ok(world.send("POST", "/api/v1/public/opt-out", null,
                "{\"code\":\"" + acmeCodes.get(2) + "\",\"email\":\"acme-customer-2@example.com\"}"), 200);
        String code = ConsoleWorld.json(ConsoleWorld.ok(world.send("POST", "/api/v1/redeem-codes", world.admin,
                "{\"count\":1,\"max_uses\":1,\"validity_days\":30}"), 201)).get("codes").get(0).asText();
        Pages pages = new Pages(browser, world.base);
        pages.signIn("admin", "admin-password");
        pages.menu("/console/protection");
        pages.type(".block-form sl-input[name=value]", "blocked.example");
        pages.type(".block-form sl-input[name=reason]", "complaints");
        pages.click(".block-form sl-button.add-block");
        assertThat(pages.toast()).isEqualTo("已屏蔽域名 blocked.example 及其子域名。");
        assertThat(pages.waitText(".blocklist-card .block-entry", "blocked.example")).isEqualTo("blocked.example");
        assertThat(pages.waitText(".optouts-card tbody", "acme-customer-2@example.com")).contains(acmeCodes.get(2));
        pages.settle();
        pages.shot("zh-CN", "journey-staff-protection");
        pages.click(".optouts-card tr[data-key='acme-customer-2@example.com'] sl-button.lift");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).contains("acme-customer-2@example.com");
        assertThat(world.get("/api/v1/admins/opt-outs?email=acme-customer-2@example.com&cursor=", world.admin).get("items")).isEmpty();

        browser.allowFailure(r -> r.startsWith("POST " + world.base + "/api/v1/public/redeem ") && r.endsWith(" 403"));
        pages.open("/invite/" + code);
        pages.type("sl-input[name=email]", "someone@mail.blocked.example");
        pages.click("ih-redeem sl-button.submit");
        assertThat(pages.text(".customer-error")).isEqualTo("此邮箱或其域名已被禁止接收邀请。");
        assertThat(sql.count("select used_count from redeem_codes where code = '" + code.replace("-", "") + "'")).as("nothing taken").isZero();
    }

    @Test
    void anOperatorSeesWhatTheRoleAllowsAndIsRefusedTheRestByMenuAndByUrl(Chromium browser) {
        Pages pages = new Pages(browser, world.base);
        pages.signIn("oscar", "oscar-password");
        assertThat(pages.waitText(".page-title", "概览")).isEqualTo("概览");
        assertThat(pages.texts(".menu .menu-text")).containsExactly("概览", "分销商", "团队", "兑换码", "订单", "邀请", "结算");
        pages.waitFor("ih-overview[data-ready=true]");
        assertThat(browser.driver().findElements(By.cssSelector(".alert-item[data-alert=pending]"))).as("approvals are the admin's").isEmpty();
        pages.settle();
        pages.shot("zh-CN", "journey-operator-overview");
        for (String path : List.of("/console/accounts", "/console/audit", "/console/protection", "/console/plans", "/console/settings",
                "/console/custom-hosts", "/console/webhooks")) {
            pages.open(path);
            pages.waitFor("ih-forbidden");
            assertThat(pages.text(".page-title")).as(path).isEqualTo("无权访问");
            assertThat(pages.text("ih-forbidden .empty-text")).isEqualTo("你的角色无权打开此页面。");
            assertThat(browser.driver().findElements(By.cssSelector(".menu a[data-route='" + path + "']"))).as(path + " in the menu").isEmpty();
        }
        pages.shot("zh-CN", "journey-operator-forbidden");
        String oscar = world.login("oscar", "oscar-password");
        assertThat(world.send("GET", "/api/v1/admin/accounts", oscar, null).statusCode()).as("the API refuses it too").isEqualTo(403);
        assertThat(world.send("GET", "/api/v1/admin/settings", oscar, null).statusCode()).as("the settings too").isEqualTo(403);
        assertThat(world.send("GET", "/api/v1/admin/webhooks", oscar, null).statusCode()).as("the platform's webhooks too").isEqualTo(403);

        pages.open("/console/distributors");
        pages.waitFor(".distributor-list tbody tr[data-key]");
        assertThat(browser.driver().findElements(By.cssSelector(".create-distributor-button, .pending-card"))).isEmpty();
        pages.click(".distributor-list tr[data-key='" + acme + "'] sl-button.view-detail");
        pages.waitFor(".distributor-drawer sl-button.grant-codes");
        assertThat(browser.driver().findElements(By.cssSelector(".distributor-drawer sl-button.suspend, .distributor-drawer sl-button.delete-distributor,"
                + " .distributor-drawer sl-button.reset-password"))).isEmpty();
        pages.script("document.querySelector('.distributor-drawer').hide()");
        pages.waitGone(".distributor-drawer");
        pages.menu("/console/orders");
        pages.waitForConsoleIdle();
        // settlement is staff's in the route table: an operator settles too (confirm, pay, adjust, the files)
        pages.menu("/console/settlement");
        pages.waitForConsoleIdle();
        long coraStatement = sql.count("select id from statements where distributor_id = " + cora);
        pages.waitFor("ih-staff-settlement tr[data-key='" + coraStatement + "'] sl-button.adjust-balance");
        assertThat(pages.text("ih-staff-settlement tr[data-key='" + coraStatement + "'] .statement-distributor")).isEqualTo("cora");
        assertThat(browser.driver().findElements(By.cssSelector("ih-staff-settlement ih-export.file-collect, ih-staff-settlement ih-export.file-payouts")))
                .hasSize(2);
        pages.menu("/console/teams");
        pages.waitFor("ih-teams tr[data-key='" + alpha + "']");
    }

    @Test
    void anAdminCreatesAnOperatorWhoMustReplaceTheTemporaryPasswordAndReadsTheAuditLog(Chromium browser) {
        Pages pages = new Pages(browser, world.base);
        pages.signIn("admin", "admin-password");
        pages.menu("/console/accounts");
        pages.click(".create-operator-button");
        pages.type(".create-operator sl-input[name=username]", "nina");
        pages.click(".create-operator sl-button.dialog-submit");
        String temporary = pages.text(".secret-dialog .secret-value");
        assertThat(temporary).matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}");
        pages.settle();
        pages.shotWindow("zh-CN", "journey-staff-temporary-password");
        pages.click(".secret-dialog sl-button.dialog-close");
        long nina = sql.count("select id from users where username = 'nina'");
        pages.waitFor("ih-accounts tr[data-key='" + nina + "'] sl-tag.must-change");

        pages.menu("/console/audit");
        pages.type("ih-audit sl-input.filter-action", "operator_create");
        pages.type("ih-audit sl-input.filter-actor", "admin");
        pages.click("ih-audit sl-button.apply-filter");
        pages.until(d -> d.findElements(By.cssSelector("ih-audit tbody tr[data-key]")).size() == 2 ? true : null, "two operators created");
        assertThat(pages.texts("ih-audit tbody tr[data-key] .audit-details")).containsExactly("username=nina", "username=oscar");
        assertThat(pages.texts("ih-audit tbody tr[data-key] .audit-actor")).containsOnly("admin");
        pages.shot("zh-CN", "journey-staff-audit");

        pages.signOut();
        pages.type("ih-sign-in sl-input[name=username]", "nina");
        pages.type("ih-sign-in sl-input[name=password]", temporary);
        pages.click("ih-sign-in sl-button.submit");
        assertThat(pages.text("ih-sign-in .forced-change .auth-title")).isEqualTo("设置新密码");
        pages.shot("zh-CN", "journey-forced-change");
        pages.type("ih-sign-in sl-input[name=new_password]", "nina-own-password");
        pages.type("ih-sign-in sl-input[name=confirm]", "nina-own-password");
        pages.click("ih-sign-in sl-button.change-submit");
        assertThat(pages.waitText(".page-title", "概览")).isEqualTo("概览");
        assertThat(pages.texts(".menu .menu-text")).as("nina is an operator").containsExactly("概览", "分销商", "团队", "兑换码", "订单", "邀请", "结算");
        assertThat(world.login("nina", "nina-own-password")).isNotBlank();

        pages.signOut();
        pages.signIn("admin", "admin-password");
        pages.menu("/console/accounts");
        String row = "ih-accounts tr[data-key='" + nina + "']";
        pages.click(row + " sl-button.disable");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).isEqualTo("nina 已禁用。");
        pages.waitFor(row + " sl-tag.account-state[data-status=disabled]");
        assertThat(world.send("POST", "/api/v1/auth/login", null, "{\"username\":\"nina\",\"password\":\"nina-own-password\"}").statusCode())
                .isEqualTo(403);
        pages.click(row + " sl-button.enable");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).isEqualTo("nina 已可再次登录。");
        pages.click(row + " sl-button.reset-password");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        String reset = pages.text(".secret-dialog .secret-value");
        pages.click(".secret-dialog sl-button.dialog-close");
        assertThat(reset).isNotEqualTo(temporary);
        assertThat(ConsoleWorld.json(ConsoleWorld.ok(world.send("POST", "/api/v1/auth/login", null,
                "{\"username\":\"nina\",\"password\":\"" + reset + "\"}"), 200)).get("must_change_password").asBoolean()).isTrue();
    }

    @Test
    void staffFindAnInvitationRemoveTheMemberAndRetryAFailedRemoval(Chromium browser) {
        long failing = sql.count("select id from invitations where email = 'acme-customer-0@example.com'");
        // what the lifecycle job leaves when a background removal keeps failing: the member back where it was, flagged
        sql.execute("update invitations set removal_failed = true, removal_kind = 'EXPIRE', removal_attempts = 5,"
                + " removal_error = 'simulated: provider timed out' where id = " + failing);
        Pages pages = new Pages(browser, world.base);
        pages.signIn("admin", "admin-password");
        pages.menu("/console/invitations");
        String failure = "ih-invitations .failures-card tr[data-key='" + failing + "']";
        assertThat(pages.text(failure)).contains("acme-customer-0@example.com").contains("simulated: provider timed out");

        pages.type("sl-input.invitation-search", acmeCodes.get(1).toLowerCase());
        pages.click("sl-button.search-invitations");
        String member = pages.waitText("ih-invitations .card:not(.failures-card) tbody tr", "acme-customer-1@example.com");
        assertThat(member).contains("已加入").contains("acme");
        pages.settle();
        pages.shot("zh-CN", "journey-staff-invitations");
        pages.click("ih-invitations .card:not(.failures-card) sl-button.remove-invitation");
        assertThat(pages.text("sl-dialog.confirm-dialog .confirm-message")).contains("退回");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).isEqualTo("已移除 acme-customer-1@example.com；兑换码次数已退回。");
        pages.waitFor("ih-invitations .card:not(.failures-card) sl-tag[data-status=REMOVED]");
        assertThat(sql.count("select used_count from redeem_codes where code = '" + acmeCodes.get(1).replace("-", "") + "'")).isZero();

        pages.click(failure + " sl-button.retry-removal");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).contains("acme-customer-0@example.com");
        pages.waitGone(failure);
        assertThat(sql.text("select state from invitations where id = " + failing)).isEqualTo("REMOVED");
    }

    /**
     * The staff lists load as the distributor's do (one loader): two searches in quick succession whose first answer
     * arrives last (held back by wrapping the page's fetch) still show the second search's rows.
     */
    @Test
    void anOvertakenAnswerNeverReplacesTheNewerSearchsRowsOnAStaffList(Chromium browser) {
        Pages pages = new Pages(browser, world.base);
        pages.signIn("admin", "admin-password");
        pages.menu("/console/invitations");
        pages.waitFor("ih-invitations form.filters sl-input.invitation-search");
        pages.script("window.heldBack = 0; const plain = window.fetch;"
                + " window.fetch = (url, init) => String(url).includes('acme-customer-2')"
                + " ? new Promise((resolve) => setTimeout(() => resolve(plain(url, init).then((r) => { window.heldBack++; return r; })), 1500))"
                + " : plain(url, init);");
        String search = "const page = document.querySelector('ih-invitations'); page.querySelector('sl-input.invitation-search').value = arguments[0];"
                + " page.querySelector('form.filters').requestSubmit();";
        pages.script(search, "acme-customer-2@example.com");
        pages.script(search, "acme-customer-1@example.com");
        String rows = "ih-invitations .card:not(.failures-card) tbody tr[data-key]";
        pages.until(d -> ((Number) pages.script("return window.heldBack;")).intValue() == 1 ? Boolean.TRUE : null, "the held-back answer");
        pages.settle(); // time for the held-back answer to be shown, if it were
        assertThat(pages.texts(rows)).isNotEmpty().allMatch(row -> row.contains("acme-customer-1@example.com"));
    }

    @Test
    void anAdminManagesPlansAndPlatformCodes(Chromium browser) {
        Pages pages = new Pages(browser, world.base);
        pages.signIn("admin", "admin-password");
        pages.menu("/console/plans");
        pages.click(".create-plan-button");
        pages.type(".create-plan sl-input[name=name]", "Pack of 20");
        pages.type(".create-plan sl-input[name=price]", "149.00");
        pages.type(".create-plan sl-input[name=code_count]", "20");
        pages.click(".create-plan sl-button.dialog-submit");
        assertThat(pages.toast()).contains("Pack of 20");
        long pack20 = sql.count("select id from plans where name = 'Pack of 20'");
        String row = "ih-plans tr[data-key='" + pack20 + "']";
        assertThat(pages.text(row + " .plan-price")).isEqualTo("¥149.00");
        pages.click(row + " sl-icon-button.move-up");
        assertThat(pages.toast()).contains("Pack of 20");
        pages.until(d -> d.findElements(By.cssSelector("ih-plans tbody tr[data-key]")).get(0).getAttribute("data-key")
                .equals(Long.toString(pack20)) ? true : null, "Pack of 20 first");
        assertThat(world.get("/api/v1/admin/code-plans", world.admin).get(0).get("name").asText()).isEqualTo("Pack of 20");
        pages.click(row + " sl-switch.active-switch");
        assertThat(pages.toast()).isEqualTo("Pack of 20 已下架。");
        assertThat(world.get("/api/v1/distributors/me/code-plans", acmeToken).findValuesAsText("name")).doesNotContain("Pack of 20");
        pages.settle();
        pages.shot("zh-CN", "journey-staff-plans");

        pages.menu("/console/codes");
        pages.waitForConsoleIdle();
        pages.click(".generate-codes");
        pages.type(".generate-dialog sl-input[name=count]", "2");
        pages.click(".generate-dialog sl-button.dialog-submit");
        assertThat(pages.toast()).isEqualTo("已生成 2 个兑换码。");
        String issued = (String) pages.script("return document.querySelector('.issued-dialog textarea.issued-codes').value");
        pages.click(".issued-dialog sl-button.dialog-close");
        JsonNode platform = world.get("/api/v1/admin/platform-codes?limit=20&cursor=", world.admin).get("items");
        pages.until(d -> d.findElements(By.cssSelector("ih-staff-codes tbody tr[data-key]")).size() == platform.size() ? true : null, "platform codes");
        for (String code : issued.split("\n")) {
            assertThat(pages.texts("ih-staff-codes tbody tr .code")).contains(code);
        }
        // the export is the server's (ADR 35), through a signed link: every platform code, newest first, as the list
        Map.Entry<String, String> exported = pages.export("ih-export.export-codes");
        assertThat(exported.getKey()).startsWith("invitehub-codes-platform-").endsWith(".csv");
        assertThat(exported.getValue()).startsWith("\uFEFFid,code,status,");
        assertThat(firstColumn(exported.getValue())).containsExactlyElementsOf(platform.findValuesAsText("id"));
        assertThat(pages.toast()).isEqualTo("已导出 " + platform.size() + " 行：" + exported.getKey() + "。");
        pages.settle();
        pages.shot("zh-CN", "journey-staff-codes");
        Pages.pick(pages, "ih-staff-codes sl-select.filter-owner", Long.toString(acme));
        JsonNode acmeList = world.get("/api/v1/redeem-codes?distributor_id=" + acme + "&limit=20&cursor=", world.admin).get("items");
        pages.until(d -> d.findElements(By.cssSelector("ih-staff-codes tbody tr[data-key]")).size() == acmeList.size() ? true : null, "acme's codes");
        assertThat(pages.texts("ih-staff-codes tbody tr .code")).containsExactlyElementsOf(acmeList.findValuesAsText("code"));
        Pages.pick(pages, "ih-staff-codes sl-select.filter-status", "depleted");
        List<String> depleted = world.get("/api/v1/redeem-codes?distributor_id=" + acme + "&status=depleted&limit=500&cursor=", world.admin)
                .get("items").findValuesAsText("id");
        pages.until(d -> d.findElements(By.cssSelector("ih-staff-codes tbody tr[data-key]")).size() == depleted.size() ? true : null, "depleted");
        Map.Entry<String, String> acmeFile = pages.export("ih-export.export-codes");
        assertThat(acmeFile.getKey()).startsWith("invitehub-codes-" + acme + "-");
        assertThat(firstColumn(acmeFile.getValue())).as("acme's depleted codes, the list's filter").containsExactlyElementsOf(depleted).isNotEmpty();
    }

    @Test
    void anAdminConfirmsAndPaysAStatementTakesTheFilesAndAdjustsABalance(Chromium browser) {
        Pages pages = new Pages(browser, world.base);
        pages.signIn("admin", "admin-password");
        pages.menu("/console/settlement");
        pages.waitForConsoleIdle();
        assertThat(pages.text("ih-staff-settlement .card-title")).isEqualTo(lastMonth + " 的账单");
        JsonNode month = world.get("/api/v1/admin/statements?period=" + lastMonth, world.admin);
        for (JsonNode s : month) {
            String row = "ih-staff-settlement tr[data-key='" + s.get("id").asText() + "']";
            assertThat(pages.text(row + " .statement-distributor")).isEqualTo(s.get("username").asText());
            for (String amount : List.of("opening", "charges", "payments", "refunds", "adjustments", "payouts", "closing")) {
                assertThat(money(pages.text(row + " td.amount-" + amount))).as(amount).isEqualByComparingTo(s.get(amount).asText());
            }
            assertThat(pages.text(row + " .status-tag")).isEqualTo("未确认");
        }
        assertThat(pages.text("ih-staff-settlement [data-stat=toCollect]")).isEqualTo("¥30.00");
        assertThat(pages.text("ih-staff-settlement [data-stat=toPayOut]")).isEqualTo("¥12.00");
        assertThat(pages.text("ih-staff-settlement [data-stat=awaitingConfirmation]")).isEqualTo("2");

        // the month's files, as the API answers them: a collection row per statement, a payout row for the credit
        Map.Entry<String, String> collect = pages.export("ih-export.file-collect");
        assertThat(collect.getKey()).isEqualTo("invitehub-settlement-collect-" + lastMonth + ".csv");
        assertThat(collect.getValue()).isEqualTo("\uFEFF" + ConsoleWorld.ok(world.send("GET", "/api/v1/admin/settlement/files/collect?period=" + lastMonth,
                world.admin, null), 200).body().replace("\uFEFF", ""));
        assertThat(firstColumn(collect.getValue())).containsExactlyInAnyOrder(Long.toString(sam), Long.toString(cora));
        pages.closeToasts();
        Map.Entry<String, String> payouts = pages.export("ih-export.file-payouts");
        List<String> payoutLines = payouts.getValue().replace("\uFEFF", "").lines().toList();
        assertThat(payoutLines).hasSize(2);
        assertThat(payoutLines.get(0)).isEqualTo("recipient_email,amount,currency,reference_id,note");
        assertThat(payoutLines.get(1)).startsWith("cora@example.com,12.00,CNY,IH-");
        pages.closeToasts();

        // confirm sam's statement (asked first), then record its payment with the reference
        long samStatement = sql.count("select id from statements where distributor_id = " + sam);
        String samRow = "ih-staff-settlement tr[data-key='" + samStatement + "']";
        pages.click(samRow + " sl-button.confirm-statement");
        assertThat(pages.text("sl-dialog.confirm-dialog .confirm-message")).contains("¥30.00").contains("无法撤销");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).isEqualTo("已确认 sam " + lastMonth + " 的账单。");
        pages.waitFor(samRow + " sl-tag[data-status=CONFIRMED]");
        assertThat(statementOf(sam).get("state").asText()).isEqualTo("CONFIRMED");
        assertThat(pages.text("ih-staff-settlement [data-stat=awaitingPayment]")).isEqualTo("1");

        pages.click(samRow + " sl-button.pay-statement");
        assertThat(pages.text(".pay-dialog .dialog-intro")).contains("sam").contains("¥30.00");
        pages.type(".pay-dialog sl-input[name=reference]", "BANK-2026-0042");
        pages.click(".pay-dialog sl-button.dialog-submit");
        assertThat(pages.toast()).isEqualTo("sam " + lastMonth + " 的账单已结清（凭证号 BANK-2026-0042）。");
        pages.waitFor(samRow + " sl-tag[data-status=PAID]");
        JsonNode paid = statementOf(sam);
        assertThat(paid.get("state").asText()).isEqualTo("PAID");
        assertThat(paid.get("payment_reference").asText()).isEqualTo("BANK-2026-0042");
        assertThat(pages.text(samRow + " .payment-reference")).isEqualTo("BANK-2026-0042");
        JsonNode payment = world.get("/api/v1/distributors/" + sam + "/ledger?limit=1", world.admin).get("items").get(0);
        assertThat(payment.get("kind").asText() + " " + payment.get("amount").asText() + " " + payment.get("reference").asText())
                .isEqualTo("PAYMENT 30.00 BANK-2026-0042");
        assertThat(pages.text("ih-staff-settlement [data-stat=toCollect]")).isEqualTo("¥0.00");
        pages.settle();
        pages.shot("zh-CN", "journey-staff-settlement");

        // cora's running balance in the distributor's drawer, then a credit adjustment (asked twice) that changes it
        pages.menu("/console/distributors");
        pages.click(".distributor-list tr[data-key='" + cora + "'] sl-button.view-detail");
        pages.waitFor(".distributor-drawer .detail-head"); // no trend to draw: the drawer is ready with its account
        pages.click(".distributor-drawer sl-tab.tab-statements");
        pages.waitFor(".distributor-drawer sl-tab-panel[name=statements] tbody tr[data-key='" + lastMonth + "']");
        BigDecimal before = new BigDecimal(world.get("/api/v1/distributors/" + cora + "/statements", world.admin).get(0).get("closing").asText());
        assertThat(before).isEqualByComparingTo("-12.00");
        assertThat(money(pages.text(".distributor-drawer [data-stat=balance]"))).isEqualByComparingTo(before);
        pages.click(".distributor-drawer sl-button.adjust-balance");
        pages.type(".adjust-dialog sl-input[name=amount]", "-2.50");
        pages.type(".adjust-dialog sl-textarea[name=reason]", "goodwill for the outage");
        pages.click(".adjust-dialog sl-button.dialog-submit");
        assertThat(pages.text("sl-dialog.confirm-dialog .confirm-message")).contains("cora").contains("抵扣").contains("goodwill for the outage");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).startsWith("已将 cora 的余额调整");
        JsonNode running = world.get("/api/v1/distributors/" + cora + "/statements", world.admin).get(0);
        assertThat(new BigDecimal(running.get("closing").asText())).isEqualByComparingTo("-14.50");
        assertThat(new BigDecimal(running.get("adjustments").asText())).isEqualByComparingTo("-2.50");
        pages.until(d -> money(pages.text(".distributor-drawer [data-stat=balance]")).compareTo(new BigDecimal("-14.50")) == 0 ? true : null,
                "the balance after the adjustment");
        JsonNode adjustment = world.get("/api/v1/distributors/" + cora + "/ledger?limit=1", world.admin).get("items").get(0);
        assertThat(adjustment.get("kind").asText() + " " + adjustment.get("reason").asText()).isEqualTo("ADJUSTMENT goodwill for the outage");
        // the statements export of this distributor, through a staff signed link: its written months
        assertThat(firstColumn(pages.export(".distributor-drawer ih-export.export-statements").getValue()))
                .containsExactly(Long.toString(sql.count("select id from statements where distributor_id = " + cora)));
        pages.settle();
        pages.shotWindow("zh-CN", "journey-staff-distributor-statements");
    }

    private static JsonNode statementOf(long distributor) {
        for (JsonNode s : world.get("/api/v1/admin/statements?period=" + lastMonth, world.admin)) {
            if (s.get("distributor_id").asLong() == distributor) {
                return s;
            }
        }
        throw new AssertionError("no statement of " + distributor + " in " + lastMonth);
    }

    private static BigDecimal money(String shown) {
        return new BigDecimal(shown.replaceAll("[^0-9.\\-]", ""));
    }

    /** The first column of every record after the header (ids are never quoted). */
    private static List<String> firstColumn(String csv) {
        List<String> keys = new ArrayList<>();
        List<String> lines = csv.replace("\uFEFF", "").lines().toList();
        for (String line : lines.subList(1, lines.size())) {
            keys.add(line.substring(0, line.indexOf(',')));
        }
        return keys;
    }

    @Test
    void anAdminEditsTheAnnouncementInSettingsAndTheCustomersPageShowsIt(Chromium browser) {
        Pages pages = new Pages(browser, world.base);
        pages.signIn("admin", "admin-password");
        pages.menu("/console/settings");
        pages.waitFor("ih-settings[data-ready=true]");
        JsonNode stored = world.get("/api/v1/admin/settings", world.admin);
        assertThat(value(pages, "platform_name")).isEqualTo(stored.get("platform_name").asText());
        assertThat(value(pages, "default_unit_price")).isEqualTo(stored.get("default_unit_price").asText());
        assertThat(value(pages, "payment_window_minutes")).isEqualTo(stored.get("payment_window_minutes").asText());
        assertThat(pages.text("ih-settings .current-price")).startsWith("当前生效：").contains("¥");
        assertThat(pages.text("ih-settings .keys-note")).isEqualTo("支付密钥在服务器环境变量中设置，不会在此显示。");
        assertThat(browser.driver().getPageSource()).as("no payment key on the page").doesNotContain("epay_key").doesNotContain("EPAY_KEY");

        pages.type("ih-settings sl-input[name=payment_window_minutes]", "0");
        pages.click("sl-button.save-settings");
        assertThat(pages.waitText("ih-settings .form-error", "支付时限")).isEqualTo("支付时限须为 1 至 1440 之间的整数分钟。");
        assertThat(world.get("/api/v1/admin/settings", world.admin)).as("refused in the page: nothing sent").isEqualTo(stored);

        pages.type("ih-settings sl-input[name=payment_window_minutes]", "30");
        pages.type("ih-settings sl-textarea[name=announcement]", "周日休息 / Closed on Sunday");
        pages.click("sl-button.save-settings");
        assertThat(pages.toast()).isEqualTo("设置已保存。");
        JsonNode saved = world.get("/api/v1/admin/settings", world.admin);
        assertThat(saved.get("announcement").asText()).isEqualTo("周日休息 / Closed on Sunday");
        assertThat(saved.get("payment_window_minutes").asInt()).isEqualTo(30);
        assertThat(saved.get("platform_name")).isEqualTo(stored.get("platform_name"));
        pages.shot("zh-CN", "journey-staff-settings");

        pages.open("/invite/" + acmeCodes.get(3));
        assertThat(pages.waitText(".announcement", "Closed on Sunday")).isEqualTo("周日休息 / Closed on Sunday");
        pages.shot("zh-CN", "journey-staff-settings-customer");
    }

    @Test
    void anAdminVerifiesADistributorsCustomDomainAndItsOwnLinksUseIt(Chromium browser) {
        String acmeNow = world.login("acme", "acme-password");
        String slug = world.get("/api/v1/distributors/me/profile", acmeNow).get("slug").asText();
        ConsoleWorld.ok(world.send("PUT", "/api/v1/distributors/me/profile", acmeNow,
                "{\"slug\":\"" + slug + "\",\"custom_host\":\"seats.acme.example\"}"), 200);
        Pages pages = new Pages(browser, world.base);
        pages.signIn("admin", "admin-password");
        pages.menu("/console/custom-hosts");
        String row = "ih-custom-hosts tr[data-key='" + acme + "']";
        pages.waitFor(row);
        assertThat(pages.text(row + " .host-name")).isEqualTo("seats.acme.example");
        assertThat(pages.text(row + " .host-distributor")).isEqualTo("acme");
        assertThat(pages.text(row + " .host-state")).isEqualTo("等待验证");
        pages.shot("zh-CN", "journey-staff-custom-hosts-waiting");

        pages.click(row + " sl-button.verify-host");
        assertThat(pages.waitText("sl-dialog.confirm-dialog .confirm-message", "https://seats.acme.example/")).startsWith("从现在起，acme 的自有链接");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).isEqualTo("seats.acme.example 已验证：该分销商的自有链接将使用此域名。");
        assertThat(pages.waitText(row + " .host-state", "已验证")).isEqualTo("已验证");
        assertThat(browser.driver().findElements(By.cssSelector(row + " sl-button.verify-host"))).isEmpty();
        JsonNode profile = world.get("/api/v1/distributors/me/profile", acmeNow);
        assertThat(profile.get("custom_host_verified").asBoolean()).isTrue();
        assertThat(profile.get("links").get("own_link_base").asText()).isEqualTo("https://seats.acme.example/r/");
        assertThat(world.send("GET", "/api/v1/public/custom-hosts/check?domain=seats.acme.example", null, null).statusCode()).isEqualTo(200);
        pages.shot("zh-CN", "journey-staff-custom-hosts");
    }

    private static String value(Pages pages, String name) {
        return String.valueOf(pages.script("return document.querySelector('ih-settings [name=' + arguments[0] + ']').value", name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    void everyStaffPageShowsItsTitleInTheLanguageChosen(String lang, Chromium browser) {
        Pages pages = new Pages(browser, world.base).language(lang);
        List<String> titles = lang.equals("zh-CN") ? ADMIN_MENU_ZH : ADMIN_MENU_EN;
        pages.signIn("admin", "admin-password");
        assertThat(pages.texts(".menu .menu-text")).containsExactlyElementsOf(titles);
        for (int i = 0; i < PAGES.size(); i++) {
            if (i > 0) {
                pages.menu(PAGES.get(i));
            }
            assertThat(pages.waitText(".page-title", titles.get(i))).isEqualTo(titles.get(i));
            pages.waitForConsoleIdle();
            if (i == 0) {
                pages.waitFor("ih-overview[data-ready=true]");
                pages.settle();
            }
            pages.shot(lang, "staff-" + (i == 0 ? "overview" : PAGES.get(i).substring("/console/".length())));
        }
        pages.menu("/console/distributors");
        pages.click(".distributor-list tr[data-key='" + acme + "'] sl-button.view-detail");
        pages.waitFor("ih-distributor-detail[data-ready=true]");
        pages.settle();
        pages.shotWindow(lang, "staff-distributor-detail");
    }

    private static long digits(String text) {
        return Long.parseLong(text.replaceAll("[^0-9]", ""));
    }
}

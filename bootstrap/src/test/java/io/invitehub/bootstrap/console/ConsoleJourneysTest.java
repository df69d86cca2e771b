package io.invitehub.bootstrap.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A distributor's day in the real console, in real Chromium against the real service: sign-up with
 * the e-mail code and approval, the dashboard against /me/summary and its charts, both links of a
 * code read back from the clipboard, a purchase through the drawer and the sandbox pay page, toggling
 * and deleting codes, removing a member and seeing the use come back, the list filters, paging and the
 * password change within the API's request shapes. Every page is photographed.
 */
@BrowserTest
class ConsoleJourneysTest {
    private static ConsoleWorld world;
    private static long planId;

    @BeforeAll
    static void start() {
        world = new ConsoleWorld(Map.of("INVITEHUB_REINVITE_COOLDOWN", "0s"));
        world.team("Team Alpha", 50);
        planId = world.plan("Pack of 5", "49.90", 5);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void aDistributorSignsUpWithTheMailedCodeAndSignsInOnceApproved(Chromium browser) {
        Pages pages = new Pages(browser, world.base);
        pages.open("/console/sign-up");
        pages.shot("zh-CN", "sign-up");
        pages.type("ih-sign-up sl-input[name=email]", "ivy@example.com");
        pages.click("ih-sign-up sl-button.send-code");
        assertThat(pages.text(".code-sent")).contains("ivy@example.com");
        String code = ConsoleWorld.await(() -> world.mailedCodes.get("ivy@example.com"));
        pages.type("ih-sign-up sl-input[name=code]", code);
        pages.type("ih-sign-up sl-input[name=username]", "ivy");
        pages.type("ih-sign-up sl-input[name=password]", "ivy-password-1");
        pages.type("ih-sign-up sl-input[name=confirm]", "ivy-password-1");
        pages.click("ih-sign-up sl-button.submit");
        assertThat(pages.text(".pending-text")).contains("ivy").contains("审核");
        pages.shot("zh-CN", "sign-up-pending");

        JsonNode pending = world.get("/api/v1/admins/pending-distributors", world.admin);
        long id = 0;
        for (JsonNode account : pending.get("items")) {
            if (account.get("username").asText().equals("ivy")) {
                id = account.get("id").asLong();
            }
        }
        assertThat(id).as("ivy waits for approval").isPositive();
        ConsoleWorld.ok(world.send("POST", "/api/v1/admins/distributors/" + id + "/approve", world.admin, null), 200);

        pages.click(".result-card sl-button.submit");
        pages.waitFor("ih-sign-in");
        pages.type("ih-sign-in sl-input[name=username]", "ivy");
        pages.type("ih-sign-in sl-input[name=password]", "ivy-password-1");
        pages.click("ih-sign-in sl-button.submit");
        assertThat(pages.waitText(".page-title", "概览")).isEqualTo("概览");
        assertThat(pages.text(".account-name")).isEqualTo("ivy");
    }

    @Test
    void theDashboardShowsTheSummaryNumbersAndChartsWithData(Chromium browser) {
        long erin = world.distributor("erin", "erin-password");
        String token = world.login("erin", "erin-password");
        List<String> granted = world.grant(erin, 4);
        world.buy(token, planId, 1);
        for (int i = 0; i < 3; i++) {
            world.redeem(granted.get(i), "erin-customer-" + i + "@example.com");
        }
        ConsoleWorld.await(() -> world.get("/api/v1/distributors/me/summary", token).get("invites_accepted").asLong() == 3 ? true : null);
        long disabled = world.get("/api/v1/distributors/me/codes?status=active&limit=1&cursor=", token).get("items").get(0).get("id").asLong();
        ConsoleWorld.ok(world.send("PUT", "/api/v1/distributors/me/codes/" + disabled + "/toggle", token, null), 200);

        Pages pages = new Pages(browser, world.base);
        pages.signIn("erin", "erin-password");
        pages.waitFor("ih-dashboard[data-ready=true]");
        JsonNode summary = world.get("/api/v1/distributors/me/summary", token);
        Map<String, String> shown = new java.util.TreeMap<>();
        for (WebElement stat : browser.driver().findElements(By.cssSelector("[data-stat]"))) {
            shown.put(stat.getAttribute("data-stat"), stat.getText().trim());
        }
        assertThat(shown.keySet()).containsAll(List.of("total_revenue_estimate", "invites_accepted", "members_active", "redeem_attempts",
                "invites_sent_success", "members_removed", "total_codes", "unit_price", "active_codes", "depleted_codes", "inactive_codes",
                "expired_codes", "today.redeemed", "this_week.accepted", "this_month.removed"));
        shown.forEach((key, text) -> {
            JsonNode value = key.contains(".") ? summary.get(key.split("\\.")[0]).get(key.split("\\.")[1]) : summary.get(key);
            if (value.isTextual()) { // money: a decimal string in major units, shown with the currency
                assertThat(text).as(key).startsWith("¥").contains(value.asText());
                assertThat(new BigDecimal(text.replaceAll("[^0-9.]", ""))).as(key).isEqualByComparingTo(new BigDecimal(value.asText()));
            } else {
                assertThat(Long.parseLong(text.replaceAll("[^0-9]", ""))).as(key).isEqualTo(value.asLong());
            }
        });
        assertThat(summary.get("invites_accepted").asLong()).isEqualTo(3);
        assertThat(summary.get("total_codes").asLong()).isEqualTo(9);
        assertThat(summary.get("inactive_codes").asLong()).isEqualTo(1);
        assertThat(shown.get("today.redeemed")).isEqualTo("3");

        JsonNode trend = world.get("/api/v1/distributors/me/sales-trend?days=30", token);
        Map<String, Object> trendChart = pages.chartOption(".chart[data-chart=trend]");
        List<Map<String, Object>> series = series(trendChart);
        assertThat(series).extracting(s -> s.get("id")).containsExactly("redeemed", "invited", "accepted", "removed");
        assertThat(series).extracting(s -> s.get("name")).containsExactly("兑换", "已邀请", "已接受", "已移除");
        for (Map<String, Object> line : series) {
            List<Long> expected = new ArrayList<>();
            trend.forEach(day -> expected.add(day.get((String) line.get("id")).asLong()));
            assertThat(numbers(line.get("data"))).as("trend " + line.get("id")).containsExactlyElementsOf(expected);
        }
        assertThat(numbers(series.get(0).get("data")).stream().mapToLong(Long::longValue).sum()).as("redemptions drawn").isEqualTo(3);

        List<Map<String, Object>> pie = series(pages.chartOption(".chart[data-chart=codes]"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> slices = (List<Map<String, Object>>) pie.get(0).get("data");
        assertThat(slices).extracting(s -> (String) s.get("name")).containsExactly("可用", "已用完", "已停用", "已过期");
        assertThat(slices).extracting(s -> ((Number) s.get("value")).longValue()).containsExactly(
                summary.get("active_codes").asLong(), summary.get("depleted_codes").asLong(), summary.get("inactive_codes").asLong(),
                summary.get("expired_codes").asLong());

        Map<String, Object> ranking = pages.chartOption(".chart[data-chart=ranking]");
        assertThat(((Map<?, ?>) ((List<?>) ranking.get("yAxis")).get(0)).get("data")).isEqualTo(List.of("Pack of 5"));
        assertThat(series(ranking)).extracting(s -> numbers(s.get("data"))).containsExactly(List.of(5L), List.of(0L), List.of(0L));
        assertThat(pages.texts("ih-dashboard .recent-sales tbody tr")).hasSize(3);
        pages.settle();
        pages.shot("zh-CN", "journey-dashboard");

        // English, switched in the header and remembered
        pages.click(".header .lang-switch sl-button");
        pages.click(".header .lang-switch sl-menu-item[value=en]");
        assertThat(pages.waitText(".page-title", "Dashboard")).isEqualTo("Dashboard");
        assertThat(series(pages.chartOption(".chart[data-chart=trend]"))).extracting(s -> s.get("name"))
                .containsExactly("Redeemed", "Invited", "Accepted", "Removed");
        assertThat(pages.text(".stat-card [data-stat=total_revenue_estimate]")).contains(summary.get("total_revenue_estimate").asText());
        pages.open("/console");
        assertThat(pages.waitText(".page-title", "Dashboard")).as("the language is remembered").isEqualTo("Dashboard");
        pages.waitFor("ih-dashboard[data-ready=true]");
        pages.settle();
        pages.shot("en", "journey-dashboard");
    }

    @Test
    void theSplitButtonCopiesTheOwnLinkAndItsMenuTheOfficialLink(Chromium browser) {
        long jody = world.distributor("jody", "jody-password");
        String code = world.grant(jody, 1).get(0);
        Pages pages = new Pages(browser, world.base);
        pages.signIn("jody", "jody-password");
        pages.menu("/console/codes");
        String row = "ih-codes tbody tr";
        assertThat(pages.text(row + " .code")).isEqualTo(code);

        pages.click(row + " sl-button.copy-own");
        assertThat(pages.toast()).isEqualTo("已复制专属链接（不显示价格）。");
        assertThat(pages.clipboard()).isEqualTo(world.base + "/r/jody/" + code);

        pages.closeToasts();
        pages.click(row + " sl-button.copy-more");
        pages.click(row + " sl-menu-item.copy-official");
        assertThat(pages.toast()).isEqualTo("已复制官方链接（显示价格）。");
        assertThat(pages.clipboard()).isEqualTo(world.base + "/invite/" + code);
    }

    @Test
    void aDistributorBuysCodesThroughTheDrawerAndTheSandboxPayPage(Chromium browser) {
        world.distributor("fay", "fay-password");
        String token = world.login("fay", "fay-password");
        Pages pages = new Pages(browser, world.base);
        pages.signIn("fay", "fay-password");
        pages.click(".page-header sl-button.buy-codes");
        pages.waitFor(".purchase-drawer .plan[data-plan='" + planId + "']");
        pages.settle();
        pages.shotWindow("zh-CN", "buy-1-plan");
        pages.click(".purchase-drawer .plan[data-plan='" + planId + "']");
        pages.click(".purchase-drawer sl-button.next");
        pages.type(".purchase-drawer sl-input.quantity", "2");
        assertThat(pages.waitText(".purchase-drawer .amount", "99.80")).isEqualTo("¥99.80");
        assertThat(pages.text(".purchase-drawer .codes-total")).isEqualTo("10");
        pages.shotWindow("zh-CN", "buy-2-confirm");
        pages.click(".purchase-drawer sl-button.place-order");
        assertThat(pages.text(".purchase-drawer .order-status")).isEqualTo("待支付");
        assertThat(pages.text(".purchase-drawer .pay-amount")).isEqualTo("¥99.80");

        String console = browser.driver().getWindowHandle();
        pages.click(".purchase-drawer sl-button.open-pay");
        String payWindow = pages.until(d -> d.getWindowHandles().stream().filter(h -> !h.equals(console)).findFirst().orElse(null), "the pay page");
        browser.driver().switchTo().window(payWindow);
        pages.waitText("h1", "Sandbox payment");
        pages.click("#pay button");
        pages.waitText("#result", "success");
        browser.driver().close();
        browser.driver().switchTo().window(console);

        assertThat(pages.waitText(".purchase-drawer .fulfilment-status", "已完成")).isEqualTo("已完成");
        assertThat(pages.text(".purchase-drawer .delivered")).isEqualTo("10");
        assertThat(pages.text(".purchase-drawer .codes-total")).isEqualTo("10");
        pages.settle();
        pages.shotWindow("zh-CN", "buy-3-completed");
        pages.click(".purchase-drawer sl-button.view-codes");
        pages.waitFor(".menu a.selected[data-route='/console/codes']");
        pages.until(d -> d.findElements(By.cssSelector("ih-codes tbody tr .code")).size() == 10 ? true : null, "ten new codes");
        Set<String> listed = world.get("/api/v1/distributors/me/codes?limit=50&cursor=", token).get("items").findValuesAsText("code")
                .stream().collect(Collectors.toSet());
        assertThat(pages.texts("ih-codes tbody tr .code")).hasSize(10).allMatch(listed::contains);

        pages.menu("/console/orders");
        assertThat(pages.text("ih-orders tbody tr .progress-text")).isEqualTo("10 / 10");
        pages.shot("zh-CN", "journey-orders");
    }

    @Test
    void aDistributorTogglesDeletesAndBatchDeletesCodes(Chromium browser) {
        long gus = world.distributor("gus", "gus-password");
        String token = world.login("gus", "gus-password");
        world.grant(gus, 3);
        List<JsonNode> codes = new ArrayList<>();
        world.get("/api/v1/distributors/me/codes?limit=10&cursor=", token).get("items").forEach(codes::add);
        Pages pages = new Pages(browser, world.base);
        pages.signIn("gus", "gus-password");
        pages.menu("/console/codes");
        String first = "ih-codes tr[data-key='" + codes.get(0).get("id").asLong() + "']";

        pages.click(first + " sl-switch.toggle");
        assertThat(pages.toast()).contains(codes.get(0).get("code").asText()).contains("已停用");
        pages.waitFor(first + " sl-tag[data-status=disabled]");
        assertThat(codeById(token, codes.get(0).get("id").asLong()).get("active").asBoolean()).isFalse();
        pages.click(first + " sl-switch.toggle");
        assertThat(pages.toast()).contains("已启用");
        pages.waitFor(first + " sl-tag[data-status=active]");
        assertThat(codeById(token, codes.get(0).get("id").asLong()).get("active").asBoolean()).isTrue();

        pages.click(first + " sl-icon-button.delete");
        assertThat(pages.text("sl-dialog.confirm-dialog .confirm-message")).contains(codes.get(0).get("code").asText());
        pages.settle();
        pages.shotWindow("zh-CN", "codes-delete-confirm");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).contains("已删除");
        pages.waitGone(first);
        assertThat(world.get("/api/v1/distributors/me/codes?limit=10&cursor=", token).get("items")).hasSize(2);

        pages.closeToasts();
        for (WebElement box : browser.driver().findElements(By.cssSelector("ih-codes sl-checkbox.select-row"))) {
            box.click();
        }
        assertThat(pages.text("ih-codes .selection")).isEqualTo("已选 2 个");
        pages.click("ih-codes sl-button.batch-delete");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).isEqualTo("已删除 2 个；0 个已被使用，未删除。");
        pages.waitFor("ih-codes .empty-state");
        assertThat(world.get("/api/v1/distributors/me/codes?limit=10&cursor=", token).get("items")).isEmpty();
    }

    @Test
    void removingAMemberGivesTheUseBackAndTheMemberCanBeInvitedAgain(Chromium browser) {
        long hal = world.distributor("hal", "hal-password");
        String token = world.login("hal", "hal-password");
        String code = world.grant(hal, 1).get(0);
        world.redeem(code, "hal-customer@example.com");
        ConsoleWorld.await(() -> {
            JsonNode member = world.get("/api/v1/distributors/me/members?limit=5&cursor=", token).get("items").get(0);
            return member != null && List.of("INVITED", "JOINED").contains(member.get("status").asText()) ? member : null;
        });
        Pages pages = new Pages(browser, world.base);
        pages.signIn("hal", "hal-password");
        pages.menu("/console/members");
        String row = "ih-members tbody tr";
        assertThat(pages.text(row)).contains("hal-customer@example.com");
        pages.shot("zh-CN", "journey-members");
        pages.click(row + " sl-button.remove-member");
        assertThat(pages.text("sl-dialog.confirm-dialog .confirm-message"))
                .contains("hal-customer@example.com").contains(code).contains("1 次使用会退回");
        pages.settle();
        pages.shotWindow("zh-CN", "members-remove-confirm");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).isEqualTo("已移除 hal-customer@example.com；兑换码 " + code + " 的使用次数已退回。");
        pages.waitFor(row + " sl-tag[data-status=REMOVED]");

        pages.menu("/console/codes");
        assertThat(pages.text("ih-codes tbody tr .usage")).as("the use came back").isEqualTo("0/1");
        assertThat(world.get("/api/v1/distributors/me/codes?limit=5&cursor=", token).get("items").get(0).get("used_count").asInt()).isZero();

        pages.menu("/console/members");
        pages.closeToasts();
        pages.click(row + " sl-button.reinvite-member");
        assertThat(pages.text("sl-dialog.confirm-dialog .confirm-message")).contains("再次占用");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).isEqualTo("已重新邀请 hal-customer@example.com。");
        assertThat(world.get("/api/v1/distributors/me/codes?limit=5&cursor=", token).get("items").get(0).get("used_count").asInt()).isEqualTo(1);
    }

    /**
     * The requests the console builds from what a person picks and types fit the routes' request shapes
     * (ADR 33: declared query parameters only, choices as enum names, {@code from}/{@code to} as timestamps,
     * cursors as the API issued them, bodies with declared fields only): any 400 or 415 fails the test
     * through the browser's network log, and what each filter shows is what the API answers for it.
     */
    @Test
    void filtersPagingAndThePasswordChangeAskTheApiWithinItsRequestShapes(Chromium browser) {
        long lee = world.distributor("lee", "lee-password");
        String token = world.login("lee", "lee-password");
        List<String> granted = world.grant(lee, 22);
        world.redeem(granted.get(0), "lee-first@example.com");
        world.redeem(granted.get(1), "lee-second@example.com");
        long disabled = world.get("/api/v1/distributors/me/codes?q=" + granted.get(2) + "&limit=1&cursor=", token).get("items").get(0).get("id").asLong();
        ConsoleWorld.ok(world.send("PUT", "/api/v1/distributors/me/codes/" + disabled + "/toggle", token, null), 200);
        ConsoleWorld.await(() -> world.get("/api/v1/distributors/me/members?limit=5&cursor=", token).get("items").size() == 2 ? true : null);
        java.time.ZoneId zone = java.time.ZoneId.of(world.get("/api/v1/distributors/me/summary", token).get("time_zone").asText());
        java.time.LocalDate today = java.time.LocalDate.now(zone);
        Pages pages = new Pages(browser, world.base);
        pages.signIn("lee", "lee-password");

        pages.menu("/console/sales");
        String sales = "ih-sales tbody tr[data-key]";
        rows(pages, sales, 2);
        pages.click("ih-sales sl-select.filter-status");
        pages.click("ih-sales sl-select.filter-status sl-option[value=REMOVED]");
        pages.waitFor("ih-sales .empty-state");
        assertThat(world.get("/api/v1/distributors/me/sales?status=REMOVED&limit=20&cursor=", token).get("items")).isEmpty();
        pickInScript(pages, "ih-sales sl-select.filter-status", "");
        rows(pages, sales, 2);
        pickInScript(pages, "ih-sales sl-input.filter-from", today.minusDays(1).toString());
        pickInScript(pages, "ih-sales sl-input.filter-to", today.toString());
        rows(pages, sales, 2);
        pickInScript(pages, "ih-sales sl-input.filter-to", "");
        pickInScript(pages, "ih-sales sl-input.filter-from", today.plusDays(1).toString());
        pages.waitFor("ih-sales .empty-state");
        pickInScript(pages, "ih-sales sl-input.filter-from", "");
        rows(pages, sales, 2);
        pages.type("ih-sales sl-input.filter-search", "lee-second");
        rows(pages, sales, 1);
        assertThat(pages.text(sales)).contains("lee-second@example.com");
        assertThat(world.get("/api/v1/distributors/me/sales?q=lee-second&limit=20&cursor=", token).get("items")).hasSize(1);

        pages.menu("/console/codes");
        String codes = "ih-codes tbody tr[data-key]";
        rows(pages, codes, 20);
        pages.click("ih-codes sl-button.pager-next");
        rows(pages, codes, 2);
        pages.click("ih-codes sl-button.pager-previous");
        rows(pages, codes, 20);
        pages.click("ih-codes sl-select.filter-status");
        pages.click("ih-codes sl-select.filter-status sl-option[value=disabled]");
        rows(pages, codes, 1);
        pages.waitFor("ih-codes tr[data-key='" + disabled + "'] sl-tag[data-status=disabled]");
        pickInScript(pages, "ih-codes sl-select.filter-status", "");
        rows(pages, codes, 20);
        pages.type("ih-codes sl-input.filter-search", granted.get(3));
        rows(pages, codes, 1);
        assertThat(pages.text(codes)).contains(granted.get(3));

        pages.menu("/console/members");
        String members = "ih-members tbody tr[data-key]";
        rows(pages, members, 2);
        pages.type("ih-members sl-input.filter-search", "lee-first");
        rows(pages, members, 1);
        assertThat(pages.text(members)).contains("lee-first@example.com");

        pages.menu("/console/profile");
        pages.type("ih-profile sl-input[name=old_password]", "lee-password");
        pages.type("ih-profile sl-input[name=new_password]", "lee-password-2");
        pages.type("ih-profile sl-input[name=confirm]", "lee-password-2");
        pages.click("ih-profile sl-button.change-password");
        pages.waitFor("ih-sign-in");
        assertThat(world.login("lee", "lee-password-2")).isNotBlank();
    }

    /**
     * A filter changed twice quickly sends two requests; when the first one's answer arrives last (held back
     * here by wrapping the page's fetch), the list still shows what the second filter asks for.
     */
    @Test
    void anOvertakenAnswerNeverReplacesTheNewerFiltersRows(Chromium browser) {
        long mia = world.distributor("mia", "mia-password");
        List<String> granted = world.grant(mia, 3);
        world.redeem(granted.get(0), "mia-first@example.com");
        world.redeem(granted.get(1), "mia-second@example.com");
        Pages pages = new Pages(browser, world.base);
        pages.signIn("mia", "mia-password");
        pages.menu("/console/sales");
        String sales = "ih-sales tbody tr[data-key]";
        rows(pages, sales, 2);
        pages.script("window.heldBack = 0; const plain = window.fetch;"
                + " window.fetch = (url, init) => String(url).includes('status=REMOVED')"
                + " ? new Promise((resolve) => setTimeout(() => resolve(plain(url, init).then((r) => { window.heldBack++; return r; })), 1500))"
                + " : plain(url, init);");
        pickInScript(pages, "ih-sales sl-select.filter-status", "REMOVED");
        pickInScript(pages, "ih-sales sl-select.filter-status", "");
        pages.until(d -> ((Number) pages.script("return window.heldBack;")).intValue() == 1 ? Boolean.TRUE : null, "the held-back answer");
        pages.settle(); // time for the held-back answer to be shown, if it were
        assertThat(browser.driver().findElements(By.cssSelector(sales))).hasSize(2);
        assertThat(browser.driver().findElements(By.cssSelector("ih-sales .empty-state"))).isEmpty();
    }

    /** Waits until exactly {@code count} rows match. */
    private static void rows(Pages pages, String css, int count) {
        pages.until(d -> d.findElements(By.cssSelector(css)).size() == count ? Boolean.TRUE : null, count + " rows of " + css);
    }

    /** Sets a Shoelace control's value and fires its change event (a date picker's or a cleared select's, which WebDriver cannot type portably). */
    private static void pickInScript(Pages pages, String css, String value) {
        pages.waitFor(css);
        pages.script("const c = document.querySelector(arguments[0]); c.value = arguments[1];"
                + " c.dispatchEvent(new CustomEvent('sl-change', {bubbles: true, composed: true}));", css, value);
    }

    private static JsonNode codeById(String token, long id) {
        for (JsonNode code : world.get("/api/v1/distributors/me/codes?limit=50&cursor=", token).get("items")) {
            if (code.get("id").asLong() == id) {
                return code;
            }
        }
        throw new AssertionError("no code " + id);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> series(Map<String, Object> option) {
        return (List<Map<String, Object>>) option.get("series");
    }

    static List<Long> numbers(Object data) {
        return ((List<?>) data).stream().map(n -> ((Number) n).longValue()).collect(Collectors.toList());
    }
}

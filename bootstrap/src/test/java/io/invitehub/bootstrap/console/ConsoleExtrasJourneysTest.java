package io.invitehub.bootstrap.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's distributor pages in real Chromium against the real service: the customer page (tags normalised and
 * bounded by the API, whose refusals are shown in their words; the note with its edit history), the tag filter of
 * the members and sales lists, the settlement page (statements and ledger as the API answers them, money with its
 * currency) and the export button of every list (the file the browser saves holds the rows of the list with its
 * filters; the per-user limit's refusal is a message in plain words). Each page is photographed in both languages.
 */
@BrowserTest
class ConsoleExtrasJourneysTest {
    private static ConsoleWorld world;
    private static long planId;

    @BeforeAll
    static void start() {
        world = new ConsoleWorld(Map.of("INVITEHUB_DEFAULT_UNIT_PRICE_MINOR", "800", "INVITEHUB_EXPORTS_PER_USER_PER_MINUTE", "6"));
        world.team("Team Alpha", 50);
        planId = world.plan("Pack of 5", "49.90", 5);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    /** A distributor with a paid order, three accepted customers on granted (postpaid) codes, a refund and an adjustment. */
    private static String seed(String name) {
        long id = world.distributor(name, name + "-password");
        String token = world.login(name, name + "-password");
        List<String> granted = world.grant(id, 4);
        world.buy(token, planId, 1);
        for (int i = 0; i < 3; i++) {
            world.redeem(granted.get(i), customer(name, i));
        }
        ConsoleWorld.await(() -> world.get("/api/v1/distributors/me/summary", token).get("invites_accepted").asLong() == 3 ? true : null);
        ConsoleWorld.ok(world.send("POST", "/api/v1/distributors/" + id + "/ledger/refunds", world.admin,
                "{\"amount\":\"2.00\",\"reason\":\"late invitation\"}"), 201);
        ConsoleWorld.ok(world.send("POST", "/api/v1/distributors/" + id + "/ledger/adjustments", world.admin,
                "{\"amount\":\"-1.50\",\"reason\":\"goodwill\"}"), 201);
        return token;
    }

    private static String customer(String name, int i) {
        return name + "-" + (char) ('a' + i) + "@example.com";
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> tagsOf(String token, String email) {
        List<String> tags = new ArrayList<>();
        world.get("/api/v1/distributors/me/customers/" + enc(email), token).get("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    /** Every row of a list through the API (one page of 500 is enough here), by {@code key}. */
    private static List<String> list(String path, String token, String key) {
        List<String> keys = new ArrayList<>();
        world.get(path + (path.contains("?") ? "&" : "?") + "limit=500", token).get("items").forEach(r -> keys.add(r.get(key).asText()));
        return keys;
    }

    private static List<String> rowKeys(Pages pages, String css) {
        return pages.browser.driver().findElements(By.cssSelector(css + " tbody tr")).stream().map(r -> r.getAttribute("data-key")).toList();
    }

    private static void openCustomerFrom(Pages pages, String list, String email) {
        pages.waitForConsoleIdle();
        WebElement link = pages.until(d -> d.findElements(By.cssSelector(list + " a.customer-link")).stream()
                .filter(a -> a.getText().trim().equals(email)).findFirst().orElse(null), "a link to " + email);
        link.click();
        assertThat(pages.waitText(".page-title .customer-email", email)).isEqualTo(email);
        pages.waitForConsoleIdle();
    }

    private static void addTag(Pages pages, String typed) {
        pages.type("ih-customers sl-input[name=tag]", typed);
        pages.click("ih-customers sl-button.add-tag");
    }

    @Test
    void aCustomerPageShowsTheInvitationsAndKeepsTagsAndANoteWithItsHistory(Chromium browser) {
        String token = seed("dora");
        String email = customer("dora", 0);
        Pages pages = new Pages(browser, world.base);
        pages.signIn("dora", "dora-password");
        pages.menu("/console/members");
        openCustomerFrom(pages, "ih-members", email);

        JsonNode shown = world.get("/api/v1/distributors/me/customers/" + enc(email), token);
        assertThat(pages.texts("ih-customers .customer-invitations tbody tr")).hasSize(shown.get("invitations").size()).hasSize(1);
        assertThat(pages.text("ih-customers .customer-invitations tbody tr td .mono")).isEqualTo(shown.get("invitations").get(0).get("code").asText());
        assertThat(pages.text("ih-customers .no-tags")).isEqualTo("还没有标签。");

        // the API normalises: " VIP " is vip, "Renewal 2027" is renewal-2027
        addTag(pages, " VIP ");
        assertThat(pages.toast()).isEqualTo("已添加标签 vip。");
        pages.waitFor("ih-customers .customer-tag[data-tag=vip]");
        addTag(pages, "Renewal 2027");
        assertThat(pages.toast()).isEqualTo("已添加标签 renewal-2027。");
        assertThat(tagsOf(token, email)).containsExactly("renewal-2027", "vip");
        assertThat(pages.texts("ih-customers .tag-list .customer-tag")).containsExactly("renewal-2027", "vip");

        // a tag the API refuses: its words are shown, nothing changes
        String refusal = ConsoleWorld.json(ConsoleWorld.ok(world.send("POST", "/api/v1/distributors/me/customers/" + enc(email) + "/tags", token,
                "{\"tag\":\"!!!\"}"), 400)).get("detail").asText();
        browser.allowFailure(r -> r.startsWith("POST ") && r.contains("/tags") && r.endsWith(" 400"));
        addTag(pages, "!!!");
        assertThat(pages.text("ih-customers .tag-error")).startsWith("标签无效").contains(refusal);
        assertThat(tagsOf(token, email)).containsExactly("renewal-2027", "vip");

        // removing a tag
        pages.script("document.querySelector(\"ih-customers .customer-tag[data-tag='renewal-2027']\").shadowRoot"
                + ".querySelector('[part~=remove-button]').click()");
        assertThat(pages.toast()).isEqualTo("已移除标签 renewal-2027。");
        assertThat(tagsOf(token, email)).containsExactly("vip");

        // the note, twice: each save is a version with who and when
        pages.type("ih-customers sl-textarea[name=note]", "Prefers e-mail on Mondays");
        pages.click("ih-customers sl-button.save-note");
        assertThat(pages.toast()).isEqualTo("备注已保存（第 1 版）。");
        pages.type("ih-customers sl-textarea[name=note]", "Prefers e-mail on Mondays; renewal due in March");
        pages.click("ih-customers sl-button.save-note");
        assertThat(pages.toast()).isEqualTo("备注已保存（第 2 版）。");
        JsonNode history = world.get("/api/v1/distributors/me/customers/" + enc(email) + "/note/history", token);
        assertThat(history.get("items")).hasSize(2);
        pages.until(d -> d.findElements(By.cssSelector("ih-customers .customer-note tbody tr")).size() == 2 ? true : null, "two versions");
        List<String> versions = pages.texts("ih-customers .customer-note tbody tr");
        assertThat(versions.get(0)).startsWith("2").contains("dora").contains("renewal due in March");
        assertThat(versions.get(1)).startsWith("1").contains("dora");
        assertThat(pages.browser.driver().findElement(By.cssSelector("ih-customers sl-textarea[name=note]")).getAttribute("help-text"))
                .startsWith("第 2 版，dora 于");
        assertThat(world.get("/api/v1/distributors/me/customers/" + enc(email), token).get("note").get("body").asText())
                .isEqualTo("Prefers e-mail on Mondays; renewal due in March");

        // at most 20 tags: the 21st is refused in the API's words
        String third = customer("dora", 2);
        for (int i = 1; i <= 20; i++) {
            ConsoleWorld.ok(world.send("POST", "/api/v1/distributors/me/customers/" + enc(third) + "/tags", token, "{\"tag\":\"t" + i + "\"}"), 200);
        }
        String limit = ConsoleWorld.json(ConsoleWorld.ok(world.send("POST", "/api/v1/distributors/me/customers/" + enc(third) + "/tags", token,
                "{\"tag\":\"one-more\"}"), 409)).get("detail").asText();
        browser.allowFailure(r -> r.startsWith("POST ") && r.contains("/tags") && r.endsWith(" 409"));
        pages.menu("/console/sales");
        openCustomerFrom(pages, "ih-sales", third);
        addTag(pages, "one-more");
        assertThat(pages.text("ih-customers .tag-error")).contains("最多 20 个标签").contains(limit);
        assertThat(tagsOf(token, third)).hasSize(20).doesNotContain("one-more");

        // somebody else's e-mail (or nobody's) is not a customer: the API's 404, shown as such
        browser.allowFailure(r -> r.contains("/customers/") && r.endsWith(" 404"));
        pages.open("/console/customers?email=" + enc("someone@example.com"));
        assertThat(pages.text("ih-customers .empty-text")).isEqualTo("这个邮箱不是你的客户。");
    }

    @Test
    void membersAndSalesFilterByTagsAllOfThemOverTheApi(Chromium browser) {
        String token = seed("tess");
        String a = customer("tess", 0);
        String b = customer("tess", 1);
        for (String[] tag : new String[][] {{a, "vip"}, {b, "vip"}, {b, "gold"}}) {
            ConsoleWorld.ok(world.send("POST", "/api/v1/distributors/me/customers/" + enc(tag[0]) + "/tags", token, "{\"tag\":\"" + tag[1] + "\"}"), 200);
        }
        Pages pages = new Pages(browser, world.base);
        pages.signIn("tess", "tess-password");
        pages.menu("/console/customers");
        pages.waitForConsoleIdle();
        assertThat(rowKeys(pages, "ih-customers")).containsExactly("vip", "gold");
        assertThat(pages.text("ih-customers tbody tr[data-key=vip] td.num")).isEqualTo("2");

        // a tag's link opens the members list filtered by it
        pages.click("ih-customers tbody tr[data-key=vip] a.tag-members");
        pages.waitFor("ih-members");
        pages.waitForConsoleIdle();
        List<String> vip = list("/api/v1/distributors/me/members?tag=vip", token, "id");
        assertThat(vip).hasSize(2);
        assertThat(rowKeys(pages, "ih-members")).containsExactlyElementsOf(vip);

        // both tags: the rows whose customer carries all of them
        pages.script("const s = document.querySelector('ih-members sl-select.filter-tags'); s.value = ['vip', 'gold'];"
                + " s.dispatchEvent(new CustomEvent('sl-change', {bubbles: true, composed: true}));");
        List<String> both = list("/api/v1/distributors/me/members?tag=vip,gold", token, "id");
        assertThat(both).hasSize(1);
        pages.until(d -> rowKeys(pages, "ih-members").equals(both) ? true : null, "members with vip and gold");
        assertThat(pages.texts("ih-members tbody tr a.customer-link")).containsExactly(b);

        pages.menu("/console/sales");
        pages.waitForConsoleIdle();
        pages.script("const s = document.querySelector('ih-sales sl-select.filter-tags'); s.value = ['gold'];"
                + " s.dispatchEvent(new CustomEvent('sl-change', {bubbles: true, composed: true}));");
        List<String> gold = list("/api/v1/distributors/me/sales?tag=gold", token, "id");
        assertThat(gold).hasSize(1);
        pages.until(d -> rowKeys(pages, "ih-sales").equals(gold) ? true : null, "sales of gold customers");
        assertThat(pages.texts("ih-sales tbody tr a.customer-link")).containsExactly(b);
    }

    @Test
    void theSettlementPageShowsTheStatementsAndTheLedgerAsTheApiAnswers(Chromium browser) {
        String token = seed("sara");
        Pages pages = new Pages(browser, world.base);
        pages.signIn("sara", "sara-password");
        pages.menu("/console/settlement");
        pages.waitForConsoleIdle();

        JsonNode statements = world.get("/api/v1/distributors/me/statements", token);
        assertThat(statements.size()).isPositive();
        JsonNode running = statements.get(0);
        assertThat(running.get("computed").asBoolean()).isTrue();
        // three acceptances at ¥8.00, a ¥2.00 refund and a −¥1.50 adjustment: 24.00 − 2.00 − 1.50
        assertThat(new BigDecimal(running.get("closing").asText())).isEqualByComparingTo("20.50");
        assertThat(running.get("charges_count").asLong()).isEqualTo(3);

        List<WebElement> rows = browser.driver().findElements(By.cssSelector("ih-settlement .statements tbody tr"));
        assertThat(rows).hasSize(statements.size());
        for (int i = 0; i < statements.size(); i++) {
            JsonNode s = statements.get(i);
            WebElement row = rows.get(i);
            assertThat(row.findElement(By.cssSelector(".period")).getText()).isEqualTo(s.get("period").asText());
            for (String amount : List.of("opening", "charges", "payments", "refunds", "adjustments", "payouts", "closing")) {
                assertThat(money(row.findElement(By.cssSelector("td.amount-" + amount)).getText())).as(amount)
                        .isEqualByComparingTo(s.get(amount).asText());
            }
            assertThat(row.findElement(By.cssSelector("td.accepted-count")).getText()).isEqualTo(s.get("charges_count").asText());
        }
        assertThat(rows.get(0).findElement(By.cssSelector(".status-tag")).getText()).isEqualTo("未确认");
        assertThat(pages.text("[data-settlement=balance]")).isEqualTo("¥20.50");
        assertThat(pages.text("[data-settlement=monthAccepted]")).isEqualTo("3");

        JsonNode ledger = world.get("/api/v1/distributors/me/ledger?limit=20", token).get("items");
        List<WebElement> entries = browser.driver().findElements(By.cssSelector("ih-settlement .ledger tbody tr"));
        assertThat(entries).hasSize(ledger.size()).hasSize(6); // a purchase, three charges, a refund, an adjustment
        for (int i = 0; i < ledger.size(); i++) {
            JsonNode e = ledger.get(i);
            assertThat(entries.get(i).getAttribute("data-key")).isEqualTo(e.get("id").asText());
            assertThat(money(entries.get(i).findElement(By.cssSelector("td.entry-amount")).getText())).isEqualByComparingTo(e.get("amount").asText());
            assertThat(money(entries.get(i).findElement(By.cssSelector("td.entry-balance")).getText())).isEqualByComparingTo(e.get("balance").asText());
            assertThat(entries.get(i).findElement(By.cssSelector(".entry-kind")).getAttribute("data-kind")).isEqualTo(e.get("kind").asText());
        }
        assertThat(pages.texts("ih-settlement .ledger .entry-kind")).contains("计费", "购买", "退款", "调整");
        assertThat(pages.text("ih-settlement .ledger tbody")).contains("goodwill").contains("单价 ¥8.00");

        // the month filter asks the API for that statement month
        Pages.pick(pages, "ih-settlement sl-select.filter-period", running.get("period").asText());
        pages.waitForConsoleIdle();
        assertThat(rowKeys(pages, "ih-settlement .ledger")).containsExactlyElementsOf(
                list("/api/v1/distributors/me/ledger?period=" + running.get("period").asText(), token, "id"));
    }

    @Test
    void everyListExportsItsRowsWithItsFiltersAndTheLimitIsSaidInPlainWords(Chromium browser) {
        String token = seed("exa");
        ConsoleWorld.ok(world.send("POST", "/api/v1/distributors/me/customers/" + enc(customer("exa", 1)) + "/tags", token, "{\"tag\":\"vip\"}"), 200);
        Pages pages = new Pages(browser, world.base);
        pages.signIn("exa", "exa-password");

        pages.menu("/console/codes");
        pages.waitForConsoleIdle();
        Pages.pick(pages, "ih-codes sl-select.filter-status", "active");
        pages.waitForConsoleIdle();
        Map.Entry<String, String> codes = pages.export("ih-export.export-codes");
        assertThat(codes.getKey()).startsWith("invitehub-codes-").endsWith(".csv");
        assertThat(codes.getValue()).startsWith("\uFEFFid,code,status,");
        assertThat(firstColumn(codes.getValue())).containsExactlyElementsOf(list("/api/v1/distributors/me/codes?status=active", token, "id"))
                .hasSize(6); // 4 granted + 5 bought − 3 used up
        assertThat(pages.toast()).isEqualTo("已导出 6 行：" + codes.getKey() + "。");

        pages.menu("/console/sales");
        pages.waitForConsoleIdle();
        assertThat(firstColumn(pages.export("ih-export.export-sales").getValue()))
                .containsExactlyElementsOf(list("/api/v1/distributors/me/sales", token, "id")).hasSize(3);
        pages.closeToasts();

        pages.menu("/console/members");
        pages.waitForConsoleIdle();
        pages.script("const s = document.querySelector('ih-members sl-select.filter-tags'); s.value = ['vip'];"
                + " s.dispatchEvent(new CustomEvent('sl-change', {bubbles: true, composed: true}));");
        pages.until(d -> rowKeys(pages, "ih-members").size() == 1 ? true : null, "one vip member");
        assertThat(firstColumn(pages.export("ih-export.export-members").getValue()))
                .containsExactlyElementsOf(list("/api/v1/distributors/me/members?tag=vip", token, "id")).hasSize(1);
        pages.closeToasts();

        pages.menu("/console/orders");
        pages.waitForConsoleIdle();
        assertThat(firstColumn(pages.export("ih-export.export-orders").getValue()))
                .containsExactlyElementsOf(list("/api/v1/distributors/me/code-orders", token, "order_no")).hasSize(1);
        pages.closeToasts();

        pages.menu("/console/settlement");
        pages.waitForConsoleIdle();
        List<String> written = new ArrayList<>();
        world.get("/api/v1/distributors/me/statements", token).forEach(s -> {
            if (!s.get("id").isNull()) {
                written.add(s.get("id").asText());
            }
        });
        assertThat(firstColumn(pages.export("ih-export.export-statements").getValue())).as("the written months only")
                .containsExactlyElementsOf(written);
        pages.closeToasts();
        assertThat(firstColumn(pages.export("ih-export.export-ledger").getValue()))
                .containsExactlyElementsOf(list("/api/v1/distributors/me/ledger", token, "id")).hasSize(6);
        pages.closeToasts();

        // a seventh export within the minute: the limit's refusal in plain words, with when to try again
        browser.allowFailure(r -> r.contains("/api/v1/exports/download") && r.endsWith(" 429"));
        pages.click("ih-export.export-ledger sl-button.export");
        assertThat(pages.toast()).matches("一分钟内导出次数过多，请 \\d+ 秒后再试。");
        pages.waitFor("ih-export.export-ledger sl-button.export:not([disabled])");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    void theNewPagesInBothLanguages(String lang, Chromium browser) {
        String name = lang.equals("en") ? "lena" : "lina";
        String token = seed(name);
        String email = customer(name, 0);
        ConsoleWorld.ok(world.send("POST", "/api/v1/distributors/me/customers/" + enc(email) + "/tags", token, "{\"tag\":\"vip\"}"), 200);
        ConsoleWorld.ok(world.send("PUT", "/api/v1/distributors/me/customers/" + enc(email) + "/note", token,
                "{\"body\":\"Renewal due in March\",\"version\":0}"), 200);
        boolean zh = lang.equals("zh-CN");
        Pages pages = new Pages(browser, world.base).language(lang);
        pages.signIn(name, name + "-password");
        pages.menu("/console/customers");
        assertThat(pages.waitText(".page-title", zh ? "客户" : "Customers")).isEqualTo(zh ? "客户" : "Customers");
        pages.waitForConsoleIdle();
        pages.shot(lang, "customers");
        pages.open("/console/customers?email=" + enc(email));
        pages.waitFor("ih-customers .customer-tag[data-tag=vip]");
        pages.waitForConsoleIdle();
        assertThat(pages.text("ih-customers .customer-invitations .card-title")).isEqualTo(zh ? "邀请记录" : "Invitations");
        pages.settle();
        pages.shot(lang, "customer");
        pages.menu("/console/settlement");
        assertThat(pages.waitText(".page-title", zh ? "结算" : "Settlement")).isEqualTo(zh ? "结算" : "Settlement");
        pages.waitForConsoleIdle();
        assertThat(pages.texts("ih-settlement .ledger .entry-kind")).contains(zh ? "计费" : "Charge");
        pages.settle();
        pages.shot(lang, "settlement");
        pages.menu("/console/members");
        pages.waitForConsoleIdle();
        pages.script("const s = document.querySelector('ih-members sl-select.filter-tags'); s.value = ['vip'];"
                + " s.dispatchEvent(new CustomEvent('sl-change', {bubbles: true, composed: true}));");
        pages.until(d -> rowKeys(pages, "ih-members").size() == 1 ? true : null, "one vip member");
        pages.shot(lang, "members-by-tag");
    }

    private static BigDecimal money(String shown) {
        return new BigDecimal(shown.replaceAll("[^0-9.\\-]", ""));
    }

    /** The first column of every record after the header (ids and order numbers are never quoted). */
    private static List<String> firstColumn(String csv) {
        String[] lines = csv.replace("\uFEFF", "").split("\r\n");
        List<String> keys = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isEmpty()) {
                keys.add(lines[i].substring(0, lines[i].indexOf(',')));
            }
        }
        return keys;
    }
}

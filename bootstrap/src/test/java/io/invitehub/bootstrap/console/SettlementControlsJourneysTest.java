package io.invitehub.bootstrap.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's leftovers in real Chromium against the real service (ADR 37, amendment on the kind filter and the staff
 * controls): the distributor's ledger filtered by entry kinds over the API (and its export with the same filter); in
 * the staff drawer, an ADMIN changes a distributor's settlement price and the next acceptance on a granted code is
 * charged at it (seen in the distributor's own ledger), a refund credit lowers the balance by exactly its amount, and an
 * OPERATOR sees the price and books refunds but is offered no price change (the route is the ADMIN's).
 */
@BrowserTest
class SettlementControlsJourneysTest {
    private static ConsoleWorld world;
    private static long planId;

    @BeforeAll
    static void start() {
        world = new ConsoleWorld(Map.of("INVITEHUB_DEFAULT_UNIT_PRICE_MINOR", "800"));
        world.team("Team Alpha", 50);
        planId = world.plan("Pack of 5", "49.90", 5);
        world.operator("olga", "olga-password");
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    /**
     * A distributor with a paid order, two accepted customers on granted codes, two refunds and an adjustment; its id.
     * Two more granted codes, not used yet, go into {@code spareCodes}.
     */
    private static long seed(String name, List<String> spareCodes) {
        long id = world.distributor(name, name + "-password");
        String token = world.login(name, name + "-password");
        List<String> granted = world.grant(id, 4);
        world.buy(token, planId, 1);
        for (int i = 0; i < 2; i++) {
            world.redeem(granted.get(i), name + "-" + i + "@example.com");
        }
        ConsoleWorld.await(() -> world.get("/api/v1/distributors/me/summary", token).get("invites_accepted").asLong() == 2 ? true : null);
        spareCodes.addAll(granted.subList(2, granted.size()));
        for (String[] entry : new String[][] {{"refunds", "2.00", "late invitation"}, {"adjustments", "-1.50", "goodwill"},
                {"refunds", "0.75", "seat never used"}}) {
            ConsoleWorld.ok(world.send("POST", "/api/v1/distributors/" + id + "/ledger/" + entry[0], world.admin,
                    "{\"amount\":\"" + entry[1] + "\",\"reason\":\"" + entry[2] + "\"}"), 201);
        }
        return id;
    }

    private static List<String> ids(String path, String token) {
        List<String> keys = new ArrayList<>();
        world.get(path, token).get("items").forEach(r -> keys.add(r.get("id").asText()));
        return keys;
    }

    private static List<String> rowKeys(Pages pages, String css) {
        return pages.browser.driver().findElements(By.cssSelector(css + " tbody tr")).stream().map(r -> r.getAttribute("data-key")).toList();
    }

    private static void chooseKinds(Pages pages, String... kinds) {
        pages.script("const s = document.querySelector('ih-settlement sl-select.filter-kinds'); s.value = arguments[0];"
                + " s.dispatchEvent(new CustomEvent('sl-change', {bubbles: true, composed: true}));", List.of(kinds));
    }

    private static BigDecimal money(String shown) {
        return new BigDecimal(shown.replaceAll("[^0-9.\\-]", ""));
    }

    private static BigDecimal balance(long distributor) {
        return new BigDecimal(world.get("/api/v1/distributors/" + distributor + "/statements", world.admin).get(0).get("closing").asText());
    }

    private static void openStatementsTab(Pages pages, long distributor) {
        pages.menu("/console/distributors");
        pages.click(".distributor-list tr[data-key='" + distributor + "'] sl-button.view-detail");
        pages.waitFor(".distributor-drawer .detail-head");
        pages.click(".distributor-drawer sl-tab.tab-statements");
        pages.waitFor(".distributor-drawer .unit-price-effective");
        pages.waitFor(".distributor-drawer sl-tab-panel[name=statements] tbody tr[data-key]");
    }

    @Test
    void theLedgerFiltersByKindsOverTheApiAndExportsWithTheSameFilter(Chromium browser) {
        seed("kim", new ArrayList<>());
        String token = world.login("kim", "kim-password");
        Pages pages = new Pages(browser, world.base);
        pages.signIn("kim", "kim-password");
        pages.menu("/console/settlement");
        pages.waitForConsoleIdle();
        List<String> all = ids("/api/v1/distributors/me/ledger?limit=20", token);
        assertThat(all).hasSize(6); // a purchase, two charges, two refunds, an adjustment
        assertThat(rowKeys(pages, "ih-settlement .ledger")).containsExactlyElementsOf(all);

        // one kind
        chooseKinds(pages, "REFUND");
        List<String> refunds = ids("/api/v1/distributors/me/ledger?kind=REFUND", token);
        assertThat(refunds).hasSize(2);
        pages.until(d -> rowKeys(pages, "ih-settlement .ledger").equals(refunds) ? true : null, "the refunds only");
        assertThat(pages.texts("ih-settlement .ledger .entry-kind")).containsOnly("退款");

        // two kinds: entries of either, newest first
        chooseKinds(pages, "CHARGE", "ADJUSTMENT");
        List<String> chargesAndAdjustments = ids("/api/v1/distributors/me/ledger?kind=CHARGE,ADJUSTMENT", token);
        assertThat(chargesAndAdjustments).hasSize(3);
        pages.until(d -> rowKeys(pages, "ih-settlement .ledger").equals(chargesAndAdjustments) ? true : null, "charges and adjustments");
        assertThat(pages.texts("ih-settlement .ledger .entry-kind")).containsOnly("计费", "调整");

        // the export takes the same filter: the file holds those entries
        Map.Entry<String, String> file = pages.export("ih-settlement ih-export.export-ledger");
        List<String> lines = file.getValue().replace("\uFEFF", "").lines().toList();
        assertThat(lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList())
                .containsExactlyElementsOf(chargesAndAdjustments);
        pages.closeToasts();

        // a kind with no entry says so; clearing the filter shows everything again
        chooseKinds(pages, "PAYOUT");
        pages.waitText("ih-settlement .ledger .empty-text", "没有所选类型的账目。");
        assertThat(pages.text("ih-settlement .ledger .empty-text")).isEqualTo("没有所选类型的账目。");
        chooseKinds(pages);
        pages.until(d -> rowKeys(pages, "ih-settlement .ledger").equals(all) ? true : null, "every entry again");
        chooseKinds(pages, "REFUND", "ADJUSTMENT");
        pages.until(d -> rowKeys(pages, "ih-settlement .ledger").size() == 3 ? true : null, "refunds and adjustments");
        pages.settle();
        pages.shot("zh-CN", "journey-settlement-kind-filter");
    }

    @Test
    void anAdminChangesThePriceTheNextAcceptanceIsChargedAtItAndARefundLowersTheBalanceByItsAmount(Chromium browser) {
        List<String> spare = new ArrayList<>();
        long lena = seed("lena", spare);
        Pages pages = new Pages(browser, world.base);
        pages.signIn("admin", "admin-password");
        openStatementsTab(pages, lena);

        // the platform's default at first
        JsonNode price = world.get("/api/v1/distributors/" + lena + "/unit-price", world.admin);
        assertThat(price.get("unit_price").isNull()).isTrue();
        assertThat(price.get("default_unit_price").asText()).isEqualTo("8.00");
        assertThat(pages.text(".distributor-drawer .unit-price-effective")).isEqualTo("¥8.00");
        assertThat(pages.text(".distributor-drawer .unit-price-source")).isEqualTo("平台默认价");

        // a refused price is said in the dialog and nothing is sent
        pages.click(".distributor-drawer sl-button.set-unit-price");
        assertThat(pages.text(".unit-price-dialog .dialog-intro")).contains("¥8.00");
        pages.type(".unit-price-dialog sl-input[name=unit_price]", "6.105");
        pages.click(".unit-price-dialog sl-button.dialog-submit");
        assertThat(pages.waitText(".unit-price-dialog .dialog-error", "价格")).isEqualTo("请输入价格，例如 8.00；留空则使用平台默认价。");
        assertThat(world.get("/api/v1/distributors/" + lena + "/unit-price", world.admin).get("unit_price").isNull()).isTrue();
        pages.type(".unit-price-dialog sl-input[name=unit_price]", "6.10");
        pages.click(".unit-price-dialog sl-button.dialog-submit");
        assertThat(pages.toast()).isEqualTo("lena 现在每个被接受的邀请计费 ¥6.10。");
        assertThat(world.get("/api/v1/distributors/" + lena + "/unit-price", world.admin).get("unit_price").asText()).isEqualTo("6.10");
        pages.waitText(".distributor-drawer .unit-price-effective", "¥6.10");
        assertThat(pages.text(".distributor-drawer .unit-price-source")).isEqualTo("自定价格（平台默认 ¥8.00）");

        // the next acceptance on a granted code is charged at the new price; the earlier charges keep theirs
        BigDecimal beforeCharge = balance(lena);
        world.redeem(spare.get(0), "lena-late@example.com");
        String lenaToken = world.login("lena", "lena-password");
        ConsoleWorld.await(() -> world.get("/api/v1/distributors/me/summary", lenaToken).get("invites_accepted").asLong() == 3 ? true : null);
        JsonNode charges = world.get("/api/v1/distributors/" + lena + "/ledger?kind=CHARGE", world.admin).get("items");
        assertThat(charges).hasSize(3);
        assertThat(charges.get(0).get("amount").asText() + " " + charges.get(0).get("unit_price").asText()).isEqualTo("6.10 6.10");
        assertThat(charges.get(1).get("amount").asText()).isEqualTo("8.00");
        assertThat(balance(lena)).isEqualByComparingTo(beforeCharge.add(new BigDecimal("6.10")));

        // a refund credit, asked twice; the balance drops by exactly its amount
        pages.click(".distributor-drawer sl-tab.tab-summary");
        pages.click(".distributor-drawer sl-tab.tab-statements");
        pages.until(d -> money(pages.text(".distributor-drawer [data-stat=balance]")).compareTo(beforeCharge.add(new BigDecimal("6.10"))) == 0
                ? true : null, "the balance with the new charge");
        BigDecimal beforeRefund = balance(lena);
        pages.click(".distributor-drawer sl-button.book-refund");
        pages.type(".refund-dialog sl-input[name=amount]", "-3");
        pages.type(".refund-dialog sl-textarea[name=reason]", "two seats never used");
        pages.click(".refund-dialog sl-button.dialog-submit");
        assertThat(pages.waitText(".refund-dialog .dialog-error", "金额")).isEqualTo("请输入大于零的金额，例如 12.50。");
        pages.type(".refund-dialog sl-input[name=amount]", "3.25");
        pages.click(".refund-dialog sl-button.dialog-submit");
        assertThat(pages.text("sl-dialog.confirm-dialog .confirm-message")).contains("lena").contains("¥3.25").contains("two seats never used");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).isEqualTo("已为 lena 记入 ¥3.25 的退款抵扣。");
        BigDecimal after = beforeRefund.subtract(new BigDecimal("3.25"));
        assertThat(balance(lena)).isEqualByComparingTo(after);
        pages.until(d -> money(pages.text(".distributor-drawer [data-stat=balance]")).compareTo(after) == 0 ? true : null,
                "the balance after the refund");
        JsonNode refund = world.get("/api/v1/distributors/" + lena + "/ledger?limit=1", world.admin).get("items").get(0);
        assertThat(refund.get("kind").asText() + " " + refund.get("amount").asText() + " " + refund.get("balance").asText() + " "
                + refund.get("reason").asText()).isEqualTo("REFUND 3.25 -3.25 two seats never used");
        pages.settle();
        pages.shotWindow("zh-CN", "journey-staff-settlement-controls");

        // the distributor sees the new charge at its price in its own ledger
        pages.script("document.querySelector('.distributor-drawer').hide()");
        pages.waitGone(".distributor-drawer");
        pages.signOut();
        pages.signIn("lena", "lena-password");
        pages.menu("/console/settlement");
        pages.waitForConsoleIdle();
        chooseKinds(pages, "CHARGE");
        List<String> chargeIds = new ArrayList<>();
        charges.forEach(c -> chargeIds.add(c.get("id").asText()));
        pages.until(d -> rowKeys(pages, "ih-settlement .ledger").equals(chargeIds) ? true : null, "the charges");
        String newest = "ih-settlement .ledger tbody tr[data-key='" + chargeIds.get(0) + "']";
        assertThat(money(pages.text(newest + " td.entry-amount"))).isEqualByComparingTo("6.10");
        assertThat(pages.text(newest)).contains("单价 ¥6.10");
        assertThat(money(pages.text("[data-settlement=balance]"))).isEqualByComparingTo(after);
    }

    @Test
    void anOperatorSeesThePriceAndBooksRefundsButIsOfferedNoPriceChange(Chromium browser) {
        long nora = seed("nora", new ArrayList<>());
        Pages pages = new Pages(browser, world.base);
        pages.signIn("olga", "olga-password");
        openStatementsTab(pages, nora);
        assertThat(pages.text(".distributor-drawer .unit-price-effective")).isEqualTo("¥8.00");
        assertThat(browser.driver().findElements(By.cssSelector(".distributor-drawer sl-button.set-unit-price"))).isEmpty();
        String olga = world.login("olga", "olga-password");
        assertThat(world.send("PUT", "/api/v1/distributors/" + nora + "/unit-price", olga, "{\"unit_price\":\"1.00\"}").statusCode())
                .as("the API refuses it too").isEqualTo(403);
        BigDecimal before = balance(nora);
        pages.click(".distributor-drawer sl-button.book-refund");
        pages.type(".refund-dialog sl-input[name=amount]", "1.20");
        pages.type(".refund-dialog sl-textarea[name=reason]", "duplicate charge");
        pages.click(".refund-dialog sl-button.dialog-submit");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-cancel");
        pages.waitGone("sl-dialog.confirm-dialog");
        assertThat(balance(nora)).as("cancelled at the confirmation: nothing booked").isEqualByComparingTo(before);
        pages.click(".distributor-drawer sl-button.book-refund");
        pages.type(".refund-dialog sl-input[name=amount]", "1.20");
        pages.type(".refund-dialog sl-textarea[name=reason]", "duplicate charge");
        pages.click(".refund-dialog sl-button.dialog-submit");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).isEqualTo("已为 nora 记入 ¥1.20 的退款抵扣。");
        BigDecimal after = before.subtract(new BigDecimal("1.20"));
        assertThat(balance(nora)).isEqualByComparingTo(after);
        pages.until(d -> money(pages.text(".distributor-drawer [data-stat=balance]")).compareTo(after) == 0 ? true : null,
                "the balance after the refund");
    }
}

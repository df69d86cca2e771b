package io.invitehub.bootstrap.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.bootstrap.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's leftovers in real Chromium against the real service (kept apart from the big staff journey so that one
 * stays stable): an operator marks a payment alert handled with a note and the overview's count of open alerts drops
 * (what the alert means is shown in the page's language, the stored English detail below it as the record);
 * a statement confirmation refused because an earlier month of the distributor is still open says so, naming that
 * month. Any console error or failed request other than the refusal itself fails the test (BrowserTest).
 */
@BrowserTest
class StaffAlertsJourneysTest {
    private static ConsoleWorld world;
    private static Sql sql;
    private static long planId;
    private static String buyer;
    /** Dora's two written statements, both OPEN: two months ago and last month. */
    private static long doraEarlier;
    private static long doraLast;
    private static String earlierMonth;
    private static String lastMonth;

    @BeforeAll
    static void start() {
        world = new ConsoleWorld(Map.of());
        sql = new Sql(world.database);
        planId = world.plan("Pack of 2", "19.90", 2);
        world.distributor("bert", "bert-password");
        buyer = world.login("bert", "bert-password");
        world.operator("olga", "olga-password");

        long dora = world.distributor("dora", "dora-password");
        String monthsAgo = "((date_trunc('month', now() at time zone 'Asia/Shanghai') - interval '%s') at time zone 'Asia/Shanghai')";
        for (String ago : new String[] {"40 days", "5 days"}) {
            String at = String.format(monthsAgo, ago);
            sql.execute("insert into ledger_entries (distributor_id, kind, amount_minor, balance_minor, currency, period, occurred_at, reason)"
                    + " values (" + dora + ", 'ADJUSTMENT', 500, 500, (select currency from settlement_settings),"
                    + " settlement_period(" + dora + ", " + at + "), " + at + ", 'fee " + ago + "')");
        }
        world.hub.settlement().writeStatements();
        earlierMonth = sql.text("select to_char(" + String.format(monthsAgo, "40 days") + " at time zone 'Asia/Shanghai', 'YYYY-MM')");
        lastMonth = sql.text("select to_char(" + String.format(monthsAgo, "5 days") + " at time zone 'Asia/Shanghai', 'YYYY-MM')");
        doraEarlier = sql.count("select id from statements where distributor_id = " + dora + " and to_char(period, 'YYYY-MM') = '" + earlierMonth + "'");
        doraLast = sql.count("select id from statements where distributor_id = " + dora + " and to_char(period, 'YYYY-MM') = '" + lastMonth + "'");
        assertThat(doraEarlier).isPositive().isNotEqualTo(doraLast);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    /** A payment refused after a valid signature: the order was closed, the money must go back. */
    private static String closedOrderPaid() {
        JsonNode late = world.place(buyer, planId, 1);
        sql.execute("update orders set status = 'EXPIRED' where order_no = '" + late.get("order_no").asText() + "'");
        assertThat(world.pay(late)).isEqualTo("fail");
        return late.get("order_no").asText();
    }

    @Test
    void anOperatorMarksAPaymentAlertHandledAndTheOverviewCountDrops(Chromium browser) {
        String handledOrder = closedOrderPaid();
        String keptOrder = closedOrderPaid();
        long alertId = sql.count("select id from payment_alerts where order_no = '" + handledOrder + "'");
        long open = world.get("/api/v1/admin/alerts", world.admin).get("payment_alerts").asLong();
        assertThat(open).isGreaterThanOrEqualTo(2);

        Pages pages = new Pages(browser, world.base);
        pages.signIn("olga", "olga-password");
        pages.waitFor("ih-overview[data-ready=true]");
        assertThat(pages.text(".alert-item[data-alert=payment_alerts] .alert-count")).isEqualTo(Long.toString(open));
        assertThat(pages.text(".alert-item[data-alert=payment_alerts] .alert-text")).contains("待处理的支付告警");

        pages.click(".alert-item[data-alert=payment_alerts] a.alert-link");
        String row = "ih-staff-orders sl-tab-panel[name=alerts] tr[data-key='" + alertId + "']";
        assertThat(pages.waitText(row, handledOrder)).contains("订单已关闭").contains("待处理");
        // what happened, in the page's language (looked up by the alert's kind); the stored English detail below it as the record
        assertThat(pages.text(row + " .alert-explained")).isEqualTo("订单已关闭或已过期后仍收到付款：请退款。");
        String detail = sql.text("select detail from payment_alerts where id = " + alertId);
        assertThat(detail).contains("refund it");
        assertThat(pages.text(row + " .alert-record")).startsWith("原始记录（英文）：").endsWith(detail);
        assertThat(pages.text("ih-staff-orders sl-tab.tab-alerts .alerts-badge")).isEqualTo(Long.toString(open));

        pages.click(row + " sl-button.mark-handled");
        assertThat(pages.text(".handle-alert-dialog .dialog-intro")).startsWith("订单已关闭或已过期后仍收到付款：请退款。款项退回后")
                .doesNotContain("refund it");
        pages.click(".handle-alert-dialog sl-button.dialog-submit");
        assertThat(pages.text(".handle-alert-dialog .dialog-error")).as("the note is required").contains("备注");
        pages.type(".handle-alert-dialog sl-textarea[name=note]", "refunded via Alipay #123");
        pages.click(".handle-alert-dialog sl-button.dialog-submit");
        assertThat(pages.toast()).isEqualTo("支付告警已标记为已处理（订单已关闭）。");
        pages.waitGone(row);
        assertThat(pages.waitText("ih-staff-orders sl-tab-panel[name=alerts] tbody", keptOrder)).doesNotContain(handledOrder);
        assertThat(pages.waitText("ih-staff-orders sl-tab.tab-alerts .alerts-badge", Long.toString(open - 1))).isEqualTo(Long.toString(open - 1));
        JsonNode stored = world.get("/api/v1/admin/payment-alerts?state=handled", world.admin).get("items").get(0);
        assertThat(stored.get("id").asLong()).isEqualTo(alertId);
        assertThat(stored.get("handled_by_username").asText()).isEqualTo("olga");
        assertThat(stored.get("handled_note").asText()).isEqualTo("refunded via Alipay #123");

        // the handled list keeps it, with who and the note
        Pages.pick(pages, "ih-staff-orders sl-select.filter-alert-state", "handled");
        assertThat(pages.waitText(row, handledOrder)).contains("已处理").contains("olga").contains("refunded via Alipay #123");
        assertThat(browser.driver().findElements(org.openqa.selenium.By.cssSelector(row + " sl-button.mark-handled"))).isEmpty();
        pages.settle();
        pages.shot("zh-CN", "journey-staff-payment-alert-handled");

        pages.menu("/console");
        pages.waitFor("ih-overview[data-ready=true]");
        assertThat(pages.waitText(".alert-item[data-alert=payment_alerts] .alert-count", Long.toString(open - 1)))
                .isEqualTo(Long.toString(open - 1));
    }

    @Test
    void aConfirmationRefusedForAnEarlierOpenStatementNamesThatMonth(Chromium browser) {
        Pages pages = new Pages(browser, world.base);
        // the refusal provoked on purpose (a new Pages forgets what was allowed before it)
        browser.allowFailure(r -> r.startsWith("POST " + world.base + "/api/v1/admin/statements/" + doraLast + "/confirm ") && r.endsWith(" 409"));
        pages.signIn("admin", "admin-password");
        pages.menu("/console/settlement");
        String row = "ih-staff-settlement tr[data-key='" + doraLast + "']";
        pages.waitFor(row + " sl-button.confirm-statement");
        pages.click(row + " sl-button.confirm-statement");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).isEqualTo("未能确认：dora 在 " + earlierMonth + " 的账单仍未确认。请先确认 " + earlierMonth
                + "（在上方选择该月份）。未做任何更改。");
        assertThat(pages.text(row + " sl-tag.status-tag")).isEqualTo("未确认");
        assertThat(sql.texts("select state from statements where id in (" + doraEarlier + ", " + doraLast + ")")).containsOnly("OPEN");

        // in English too
        pages.language("en").open("/console/settlement");
        pages.click(row + " sl-button.confirm-statement");
        pages.click("sl-dialog.confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).isEqualTo("Not confirmed: dora's statement of " + earlierMonth + " is still open. Confirm " + earlierMonth
                + " first (pick that month above). Nothing changed.");
        assertThat(sql.texts("select state from statements where id in (" + doraEarlier + ", " + doraLast + ")")).containsOnly("OPEN");
    }
}

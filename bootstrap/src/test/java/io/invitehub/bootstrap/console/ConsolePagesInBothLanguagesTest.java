package io.invitehub.bootstrap.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;

import java.time.LocalDate;
import java.time.ZoneId;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every console page in Chinese and in English, as a distributor with some history sees it, at desktop
 * width and on narrow screens (sider collapsed to icons below 992 px, a drawer below 576 px). Each page
 * must show its title from the message table of that language, with no error in the browser; the
 * screenshots are what docs/console.md shows.
 */
@BrowserTest
class ConsolePagesInBothLanguagesTest {
    private static final List<String> PAGES = List.of("/console", "/console/codes", "/console/orders", "/console/sales",
            "/console/members", "/console/profile");
    private static final Map<String, List<String>> TITLES = Map.of(
            "zh-CN", List.of("概览", "兑换码", "订单", "销售记录", "成员", "账户设置"),
            "en", List.of("Dashboard", "Codes", "Orders", "Sales", "Members", "Profile"));
    private static ConsoleWorld world;
    private static List<String> codes;

    @BeforeAll
    static void start() {
        world = new ConsoleWorld(Map.of("INVITEHUB_PLATFORM_NAME", "Seat Shop", "INVITEHUB_PLATFORM_SUPPORT_CONTACT", "support@seats.example",
                "INVITEHUB_PLATFORM_ANNOUNCEMENT", "本周末席位充足 / Plenty of seats this weekend"));
        world.team("Team Alpha", 20);
        long plan = world.plan("Pack of 10", "99.00", 10);
        world.publicPlan("One seat, 30 days", "19.90");
        long acme = world.distributor("acme", "acme-password");
        String token = world.login("acme", "acme-password");
        ConsoleWorld.ok(world.send("PUT", "/api/v1/distributors/me/profile", token, "{\"slug\":\"acme-seats\",\"display_name\":\"Acme 团队席位\","
                + "\"welcome_text\":\"欢迎！输入邮箱即可加入团队。\\nWelcome! Enter your e-mail to join the team.\"}"), 200);
        codes = world.grant(acme, 6);
        world.buy(token, plan, 1);
        for (int i = 0; i < 4; i++) {
            world.redeem(codes.get(i), "customer" + i + "@example.com");
        }
        ConsoleWorld.await(() -> world.get("/api/v1/distributors/me/summary", token).get("invites_accepted").asLong() == 4 ? true : null);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    void everyPageShowsItsTitleInTheLanguageChosen(String lang, Chromium browser) {
        Pages pages = new Pages(browser, world.base).language(lang);
        boolean zh = lang.equals("zh-CN");
        pages.open("/console/sign-in");
        assertThat(pages.text("ih-sign-in .auth-title")).isEqualTo(zh ? "登录" : "Sign in");
        pages.shot(lang, "sign-in");
        pages.click("ih-sign-in .auth-switch a");
        assertThat(pages.text("ih-sign-up .auth-title")).isEqualTo(zh ? "申请成为分销商" : "Apply as a distributor");

        pages.signIn("acme", "acme-password");
        for (int i = 0; i < PAGES.size(); i++) {
            if (i > 0) {
                pages.menu(PAGES.get(i));
            }
            assertThat(pages.waitText(".page-title", TITLES.get(lang).get(i))).isEqualTo(TITLES.get(lang).get(i));
            pages.waitForConsoleIdle();
            if (i == 0) {
                pages.waitFor("ih-dashboard[data-ready=true]");
                pages.settle();
            }
            pages.shot(lang, PAGES.get(i).equals("/console") ? "dashboard" : PAGES.get(i).substring("/console/".length()));
        }

        dayFilterSpeaksTheLanguage(pages, lang);

        pages.menu("/console/codes");
        pages.click(".page-header sl-button.buy-codes");
        pages.waitFor(".purchase-drawer .plan");
        pages.settle();
        pages.shotWindow(lang, "buy-drawer");
        pages.script("document.querySelector('.purchase-drawer').hide()");

        browser.driver().manage().window().setSize(new Dimension(900, 900));
        pages.menu("/console");
        pages.waitFor(".layout.collapsed .sider");
        assertThat(pages.texts(".menu .menu-text")).as("below 992 px the menu shows icons only").allMatch(String::isEmpty);
        pages.waitFor("ih-dashboard[data-ready=true]");
        pages.settle();
        pages.shotWindow(lang, "dashboard-900px");

        browser.driver().manage().window().setSize(new Dimension(390, 844));
        pages.waitGone(".sider");
        pages.click(".header .sider-toggle");
        pages.waitFor(".nav-drawer .menu a[data-route='/console/codes']");
        pages.settle();
        pages.shotWindow(lang, "menu-390px");
        pages.click(".nav-drawer .menu a[data-route='/console/codes']");
        assertThat(pages.waitText(".page-title", TITLES.get(lang).get(1))).isEqualTo(TITLES.get(lang).get(1));
        pages.waitForConsoleIdle();
        pages.shotWindow(lang, "codes-390px");

        browser.driver().manage().window().setSize(new Dimension(Chromium.WIDTH, Chromium.HEIGHT));
        pages.click(".account-menu sl-button");
        pages.click(".account-menu sl-menu-item.sign-out");
        assertThat(pages.toast()).isEqualTo(zh ? "已退出登录。" : "You are signed out.");
        pages.waitFor("ih-sign-in");

        pages.open("/invite/" + codes.get(5));
        assertThat(pages.text("ih-redeem .mode-hint")).isEqualTo(zh ? "输入邮箱和兑换码，我们会把团队邀请发送到这个邮箱。"
                : "Enter your e-mail and code; the team invitation is sent to that e-mail.");
        pages.waitText(".customer-plans .price", "¥");
        pages.shot(lang, "customer-official-link");
        pages.open("/r/acme-seats/" + codes.get(5));
        pages.waitText(".customer-name", "Acme");
        pages.waitFor("ih-redeem .customer-form");
        pages.shot(lang, "customer-own-link");
    }

    /**
     * Chromium draws {@code <input type=date>} in the browser's own locale (mm/dd/yyyy in this English Chromium, whatever
     * the page's or the input's lang says), so the sales list's day filters are text fields in yyyy-mm-dd whose
     * placeholder, lang and refusal follow the console's language; a typed day (or one the calendar picks) filters the
     * list, something that is not a day is refused in words and changes nothing.
     */
    private static void dayFilterSpeaksTheLanguage(Pages pages, String lang) {
        boolean zh = lang.equals("zh-CN");
        pages.menu("/console/sales");
        String from = "ih-sales sl-input.filter-from";
        String rows = "ih-sales tbody tr[data-key]";
        pages.until(d -> d.findElements(By.cssSelector(rows)).size() == 4 ? true : null, "the four sales");
        assertThat(pages.script("const f = document.querySelector(arguments[0]);"
                + " return [f.lang, f.placeholder, f.shadowRoot.querySelector('input').type];", from))
                .isEqualTo(List.of(lang, zh ? "年-月-日" : "yyyy-mm-dd", "text"));

        pages.type(from, "2025-02-30" + Keys.TAB);
        String refusal = zh ? "请按“年-月-日”填写日期，例如 2025-03-01。" : "Enter a day as yyyy-mm-dd, e.g. 2025-03-01.";
        pages.until(d -> refusal.equals(pages.script("return document.querySelector(arguments[0]).helpText;", from)) ? true : null, "the refusal");
        assertThat(pages.script("return document.querySelector(arguments[0]).shadowRoot.querySelector('[part~=form-control-help-text]').innerText.trim();", from))
                .isEqualTo(refusal);
        pages.waitForConsoleIdle();
        assertThat(pages.driver.findElements(By.cssSelector(rows))).as("a refused day changes nothing").hasSize(4);
        pages.shot(lang, "sales-day-refused");

        String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        pages.type(from, tomorrow + Keys.TAB);
        pages.waitFor("ih-sales .empty-state");
        assertThat(pages.script("return document.querySelector(arguments[0]).helpText;", from)).isEqualTo("");
        // what the calendar's pick does: the native picker's day lands in the field and filters the list
        pages.script("const n = document.querySelector(arguments[0] + ' .day-native'); n.value = arguments[1];"
                + " n.dispatchEvent(new Event('change', {bubbles: true}));", from, LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
        pages.until(d -> d.findElements(By.cssSelector(rows)).size() == 4 ? true : null, "today's four sales");
        assertThat(pages.script("return document.querySelector(arguments[0]).value;", from))
                .isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
        pages.click(from + " sl-icon-button.day-pick");
        pages.type(from, "" + Keys.TAB);
    }
}

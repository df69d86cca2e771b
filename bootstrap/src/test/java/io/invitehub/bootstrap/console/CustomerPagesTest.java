package io.invitehub.bootstrap.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customers' pages in real Chromium: redeeming through a link, the live queue position, a refusal
 * in plain words, the status view; the own link with the distributor's brand and never a price, the official
 * link with the platform's name, announcement and the plans' prices; the own link on a verified custom host.
 */
@BrowserTest
class CustomerPagesTest {
    private static ConsoleWorld world;
    private static long teamId;
    private static List<String> codes;

    @BeforeAll
    static void start() {
        world = new ConsoleWorld(Map.of("INVITEHUB_SIM_ACCEPT_DELAY", "1h", // invitees stay INVITED
                "INVITEHUB_PLATFORM_NAME", "Seat Shop", "INVITEHUB_PLATFORM_SUPPORT_CONTACT", "help@seats.example",
                "INVITEHUB_PLATFORM_ANNOUNCEMENT", "新会员首月特惠 / First month on us"));
        teamId = world.team("Solo Team", 1);
        long kim = world.distributor("kim", "kim-password");
        codes = world.grant(kim, 4);
        world.redeem(codes.get(0), "first@example.com"); // takes the only seat
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void aCustomerRedeemsThroughTheOfficialLinkAndWatchesTheQueueMove(Chromium browser) {
        Pages pages = new Pages(browser, world.base);
        pages.open("/invite/" + codes.get(1));
        assertThat(pages.waitFor("sl-input[name=code]").getDomProperty("value")).as("the code comes from the link").isEqualTo(codes.get(1));
        pages.type("sl-input[name=email]", "second@example.com");
        pages.click("ih-redeem sl-button.submit");
        assertThat(pages.waitText(".outcome[data-state=WAITING] .outcome-title", "第 1 位"))
                .isEqualTo("所有席位已满，你在队列中排第 1 位。");
        pages.shot("zh-CN", "customer-queued");

        ConsoleWorld.ok(world.send("PATCH", "/api/v1/admin/teams/" + teamId, world.admin, "{\"max_seats\":2}"), 200);
        assertThat(pages.waitText(".outcome[data-state=INVITED] .outcome-title", "邀请已发送"))
                .isEqualTo("邀请已发送，请查收邮件并加入 Solo Team。");
        pages.shot("zh-CN", "customer-invited");

        pages.click("button.mode[data-mode=status]");
        pages.click("ih-redeem sl-button.submit");
        assertThat(pages.text(".outcome .facts")).contains(codes.get(1)).contains("1/1").contains("Solo Team");
    }

    @Test
    void aRefusalIsShownInPlainWordsFromTheMessageTable(Chromium browser) {
        Pages pages = new Pages(browser, world.base);
        browser.allowFailure(request -> request.startsWith("POST " + world.base + "/api/v1/public/redeem") && request.endsWith(" 409"));
        // kim's slug: its username until the brand test (in any order) renames it
        String slug = world.get("/api/v1/distributors/me/profile", world.login("kim", "kim-password")).get("slug").asText();
        pages.language("en").open("/r/" + slug + "/" + codes.get(0));
        pages.type("sl-input[name=email]", "someone-else@example.com");
        pages.click("ih-redeem sl-button.submit");
        assertThat(pages.text(".customer-error")).isEqualTo("This code is bound to another e-mail (f***t@example.com).");
        assertThat(browser.driver().findElements(By.cssSelector(".price, .customer-plans"))).as("an own link never shows a price").isEmpty();
        pages.shot("en", "customer-refused");
    }

    @Test
    void theOwnLinkShowsTheBrandAndNeverAPriceWhileTheOfficialLinkShowsThePlans(Chromium browser) {
        String kim = world.login("kim", "kim-password");
        ConsoleWorld.ok(world.send("PUT", "/api/v1/distributors/me/profile", kim, "{\"slug\":\"kims-seats\",\"display_name\":\"Kim's Seats\","
                + "\"logo_url\":null,\"welcome_text\":\"Welcome to Kim's team seats\"}"), 200);
        world.publicPlan("Public pack", "19.90");
        Pages pages = new Pages(browser, world.base);

        pages.open("/r/kims-seats/" + codes.get(2));
        assertThat(pages.waitText(".customer-name", "Kim")).isEqualTo("Kim's Seats");
        assertThat(pages.text(".welcome")).isEqualTo("Welcome to Kim's team seats");
        assertThat(browser.driver().findElements(By.cssSelector(".price, .customer-plans, .announcement, .support")))
                .as("an own link shows nothing of the platform: no price, plan, announcement or support contact").isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain("19.90").doesNotContain("Seat Shop");
        pages.shot("zh-CN", "customer-brand");

        pages.open("/invite/" + codes.get(2));
        JsonNode site = world.get("/api/v1/public/site", null);
        assertThat(pages.waitText(".customer-name", "Seat Shop")).isEqualTo(site.get("platform_name").asText());
        assertThat(pages.waitText(".customer-plans .price", "¥")).isEqualTo("¥19.90");
        assertThat(pages.text(".customer-plans .plan-name")).startsWith("Public pack");
        assertThat(pages.text(".announcement")).isEqualTo("新会员首月特惠 / First month on us");
        assertThat(pages.text(".support")).contains("help@seats.example");
        assertThat(browser.driver().findElements(By.cssSelector(".welcome"))).isEmpty();
        pages.shot("zh-CN", "customer-plans");
    }

    @Test
    void aVerifiedCustomHostServesTheOwnLinkUnderItsBrand(Chromium browser) {
        long lee = world.distributor("lee", "lee-password");
        String code = world.grant(lee, 1).get(0);
        String token = world.login("lee", "lee-password");
        String host = "seats.lee." + Chromium.CUSTOM_HOST_DOMAIN;
        ConsoleWorld.ok(world.send("PUT", "/api/v1/distributors/me/profile", token, "{\"slug\":\"lees-seats\",\"display_name\":\"Lee Seats\","
                + "\"welcome_text\":\"Seats by Lee\",\"custom_host\":\"" + host + "\"}"), 200);
        ConsoleWorld.ok(world.send("POST", "/api/v1/admins/distributors/" + lee + "/custom-host/verify", world.admin,
                "{\"custom_host\":\"" + host + "\"}"), 200);
        String own = world.get("/api/v1/distributors/me/profile", token).get("links").get("own_link_base").asText();
        assertThat(own).isEqualTo("https://" + host + "/r/");

        // the proxy of docs/operations.md would answer https://<host>/r/<code>; here the service itself, on its port
        String hostBase = world.base.replace("127.0.0.1", host);
        Pages pages = new Pages(browser, hostBase, false);
        pages.open("/r/" + code);
        assertThat(pages.waitText(".customer-name", "Lee")).isEqualTo("Lee Seats");
        assertThat(pages.text(".welcome")).isEqualTo("Seats by Lee");
        assertThat(pages.waitFor("sl-input[name=code]").getDomProperty("value")).as("the code comes from the link").isEqualTo(code);
        assertThat(browser.driver().findElements(By.cssSelector(".price, .customer-plans"))).isEmpty();
        pages.type("sl-input[name=email]", "fan@example.com");
        pages.click("ih-redeem sl-button.submit");
        // the API answers on the custom host too (the page's own origin): a seat or a place in the queue
        assertThat(pages.waitFor(".outcome[data-state]").getDomAttribute("data-state")).isIn("RESERVED", "INVITED", "WAITING");
        pages.shot("zh-CN", "customer-custom-host");
    }
}

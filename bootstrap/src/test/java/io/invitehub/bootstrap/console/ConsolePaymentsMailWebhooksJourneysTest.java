package io.invitehub.bootstrap.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.adapter.out.webhook.WebhookSignature;
import io.invitehub.bootstrap.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's console pages in real Chromium against the real service: a forgotten password reset through the link the
 * mailer was given (the link works once), a distributor's webhook endpoint created with its signing secret shown once
 * (the receiver's signature checks out with it), its delivery log and a redeliver, the platform's endpoint on the
 * admin's Webhooks page, a pending order cancelled by its buyer and a paid order refunded by staff — each checked
 * against what the API answers afterwards. Any console error or failed request fails the test (BrowserTest).
 */
@BrowserTest
class ConsolePaymentsMailWebhooksJourneysTest {
    private static final Pattern SIGNATURE = Pattern.compile("^t=([0-9]+),v1=([0-9a-f]{64})$");
    private static ConsoleWorld world;
    private static WebhookReceiver receiver;
    private static long planId;

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookReceiver();
        world = new ConsoleWorld(Map.of("INVITEHUB_WEBHOOKS_ALLOW_LOCAL", "true", "INVITEHUB_WEBHOOK_POLL_INTERVAL", "100ms",
                "INVITEHUB_WEBHOOK_BACKOFF_BASE", "200ms", "INVITEHUB_WEBHOOK_BACKOFF_MAX", "400ms"));
        world.team("Team Alpha", 50);
        planId = world.plan("Pack of 5", "49.90", 5);
    }

    @AfterAll
    static void stop() {
        world.close();
        receiver.close();
    }

    @Test
    void aForgottenPasswordIsResetThroughTheMailedLinkWhichWorksOnce(Chromium browser) {
        world.distributor("rita", "rita-password-1");
        String before = world.login("rita", "rita-password-1");
        Pages pages = new Pages(browser, world.base);
        pages.open("/console/sign-in");
        pages.click("ih-sign-in a.forgot-password");
        pages.type("ih-forgot-password sl-input[name=email]", "rita@example.com");
        pages.click("ih-forgot-password sl-button.submit");
        assertThat(pages.text("ih-forgot-password .reset-requested-text")).contains("rita@example.com");

        String link = ConsoleWorld.await(() -> world.mailedResetLinks.get("rita@example.com"));
        URI mailed = URI.create(link);
        assertThat(mailed.getPath()).isEqualTo("/console/reset-password");
        assertThat(mailed.getFragment()).startsWith("token=");
        assertThat(link).startsWith(world.base);
        String onThisService = mailed.getRawPath() + "#" + mailed.getRawFragment();
        pages.open(onThisService);
        pages.waitFor("ih-reset-password form.reset-password");
        assertThat(browser.driver().getCurrentUrl()).as("the token leaves the address bar").doesNotContain("token");
        pages.type("ih-reset-password sl-input[name=new_password]", "short");
        pages.type("ih-reset-password sl-input[name=confirm]", "short");
        pages.click("ih-reset-password sl-button.submit");
        assertThat(pages.text("ih-reset-password .form-error")).contains("8");
        pages.type("ih-reset-password sl-input[name=new_password]", "rita-password-2");
        pages.type("ih-reset-password sl-input[name=confirm]", "rita-password-2");
        pages.click("ih-reset-password sl-button.submit");
        assertThat(pages.text("ih-reset-password .reset-done-text")).contains("新密码");

        assertThat(world.send("GET", "/api/v1/distributors/me/summary", before, null).statusCode()).as("the old session ended").isEqualTo(401);
        assertThat(world.send("POST", "/api/v1/auth/login", null, "{\"username\":\"rita\",\"password\":\"rita-password-1\"}").statusCode())
                .isEqualTo(401);
        world.login("rita", "rita-password-2");

        browser.allowFailure(request -> request.contains("/api/v1/auth/password-reset/confirm") && request.endsWith(" 400"));
        pages.open("/console/sign-in"); // the same link again loads the page afresh (not a fragment change of the same page)
        pages.open(onThisService);
        pages.type("ih-reset-password sl-input[name=new_password]", "rita-password-3");
        pages.type("ih-reset-password sl-input[name=confirm]", "rita-password-3");
        pages.click("ih-reset-password sl-button.submit");
        assertThat(pages.text("ih-reset-password .form-error")).contains("已使用或已过期");
        pages.waitFor("ih-reset-password a[href='/console/forgot-password']");
        assertThat(world.send("POST", "/api/v1/auth/login", null, "{\"username\":\"rita\",\"password\":\"rita-password-3\"}").statusCode())
                .as("a used link changes nothing").isEqualTo(401);

        pages.signIn("rita", "rita-password-2");
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void aDistributorAddsAWebhookSeesItsSecretOnceReadsTheDeliveryLogAndRedelivers(Chromium browser) {
        long wes = world.distributor("wes", "wes-password");
        String token = world.login("wes", "wes-password");
        List<String> codes = world.grant(wes, 2);
        Pages pages = new Pages(browser, world.base);
        pages.signIn("wes", "wes-password");
        pages.menu("/console/webhooks");
        pages.waitFor("ih-webhooks .empty-state");
        pages.click("ih-webhooks sl-button.add-webhook");
        pages.type(".webhook-dialog sl-input[name=url]", receiver.base() + "/wes");
        pages.type(".webhook-dialog sl-input[name=description]", "our CRM");
        pages.click(".webhook-dialog sl-button.dialog-submit");
        assertThat(pages.text(".webhook-dialog .dialog-error")).as("no event chosen").contains("事件");
        check(pages, ".webhook-dialog sl-checkbox[data-event='code.redeemed']");
        check(pages, ".webhook-dialog sl-checkbox[data-event='member.joined']");
        receiver.script("/wes", 500);
        pages.click(".webhook-dialog sl-button.dialog-submit");
        String secret = secretShown(pages);
        assertThat(secret).startsWith("whsec_");
        pages.click(".webhook-dialog sl-button.copy-secret");
        assertThat(pages.toast()).isEqualTo("已复制。");
        assertThat(pages.clipboard()).isEqualTo(secret);
        pages.click(".webhook-dialog sl-button.dialog-close");
        pages.waitGone(".webhook-dialog .webhook-secret");
        assertThat(browser.driver().getPageSource()).as("the secret is shown once").doesNotContain(secret);

        JsonNode listed = world.get("/api/v1/distributors/me/webhooks?limit=20&cursor=", token).get("items");
        assertThat(listed).hasSize(1);
        JsonNode endpoint = listed.get(0);
        assertThat(endpoint.get("url").asText()).isEqualTo(receiver.base() + "/wes");
        assertThat(endpoint.get("events").toString()).isEqualTo("[\"code.redeemed\",\"member.joined\"]");
        assertThat(endpoint.has("secret")).isFalse();
        String row = "ih-webhooks tr[data-key='" + endpoint.get("id").asLong() + "']";
        assertThat(pages.text(row + " .webhook-url")).isEqualTo(receiver.base() + "/wes");
        assertThat(pages.texts(row + " .event-tag")).containsExactly("兑换码已兑换", "成员已加入");

        world.redeem(codes.get(0), "wes-customer@example.com");
        long endpointId = endpoint.get("id").asLong();
        // the first attempt is answered 500, the retry 200: the log shows both attempts
        JsonNode redeemed = ConsoleWorld.await(() -> redeemedDelivery(endpointId, token, "DELIVERED"));
        List<WebhookReceiver.Received> sent = redeemedAt("/wes");
        assertThat(sent).hasSize(redeemed.get("attempts").asInt()).hasSizeGreaterThanOrEqualTo(2);
        WebhookReceiver.Received delivered = sent.get(sent.size() - 1);
        Matcher signature = SIGNATURE.matcher(delivered.headers().get("InviteHub-Signature"));
        assertThat(signature.matches()).isTrue();
        assertThat(signature.group(2)).as("signed with the secret the page showed")
                .isEqualTo(WebhookSignature.hmac(secret, signature.group(1) + "." + delivered.body()));
        String deliveryId = delivered.headers().get("InviteHub-Delivery");
        assertThat(deliveryId).isEqualTo(redeemed.get("id").asText());

        pages.click(row + " sl-button.view-deliveries");
        String deliveryRow = ".delivery-log tr[data-key='" + deliveryId + "']";
        pages.until(d -> {
            pages.click(".delivery-log sl-button.refresh-deliveries");
            return d.findElements(By.cssSelector(deliveryRow + " sl-tag[data-status=DELIVERED]")).isEmpty() ? null : true;
        }, "the delivery shown delivered");
        assertThat(pages.text(deliveryRow + " .delivery-attempts")).isEqualTo(redeemed.get("attempts").asText());
        assertThat(pages.text(deliveryRow + " .delivery-event")).isEqualTo("兑换码已兑换");
        assertThat(pages.text(deliveryRow + " .last-status")).isEqualTo("HTTP 200");

        pages.click(deliveryRow + " sl-button.redeliver");
        assertThat(pages.toast()).contains("#" + redeemed.get("event_id").asText());
        WebhookReceiver.Received again = ConsoleWorld.await(() -> redeemedAt("/wes").size() > sent.size() ? redeemedAt("/wes").get(sent.size()) : null);
        assertThat(again.headers().get("InviteHub-Delivery")).isEqualTo(deliveryId);
        assertThat(again.body()).isEqualTo(delivered.body());
        // a redeliver starts the delivery's attempts afresh (retried again for the whole window): one attempt, delivered
        ConsoleWorld.await(() -> {
            JsonNode now = redeemedDelivery(endpointId, token, "DELIVERED");
            return now != null && now.get("attempts").asInt() == 1 && !now.get("delivered_at").isNull() ? true : null;
        });
        pages.click(".delivery-log sl-button.refresh-deliveries");
        pages.waitText(deliveryRow + " .delivery-attempts", "1");
        pages.waitFor(deliveryRow + " sl-tag[data-status=DELIVERED]");
        pages.settle();
        pages.shot("zh-CN", "journey-webhooks");

        pages.click(row + " sl-button.delete-webhook");
        assertThat(pages.text(".confirm-dialog .confirm-message")).contains(receiver.base() + "/wes");
        pages.click(".confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).contains(receiver.base() + "/wes");
        pages.waitFor("ih-webhooks .empty-state");
        assertThat(world.get("/api/v1/distributors/me/webhooks?limit=20&cursor=", token).get("items")).isEmpty();
        assertThat(browser.problems()).isEmpty();
    }

    /** Ticks a Shoelace checkbox where a person does: on its box and label (the host is as wide as the dialog). */
    private static void check(Pages pages, String css) {
        // the hit test names the host for a point on its shadow label, so WebDriver's own click refuses: the pointer clicks there
        new Actions(pages.driver).moveToElement(pages.waitFor(css).getShadowRoot().findElement(By.cssSelector("[part~=base]"))).click().perform();
        pages.until(d -> Boolean.TRUE.equals(pages.script("return document.querySelector(arguments[0]).checked", css)) ? true : null, "ticked: " + css);
    }

    /** The secret the dialog shows once the endpoint is created (or what the dialog answered instead). */
    private static String secretShown(Pages pages) {
        return pages.until(d -> {
            d.findElements(By.cssSelector(".webhook-dialog .dialog-error")).stream().filter(e -> e.isDisplayed()).findFirst()
                    .ifPresent(e -> { throw new AssertionError("the dialog answered: " + e.getText()); });
            return d.findElements(By.cssSelector(".webhook-dialog .webhook-secret")).stream().filter(e -> e.isDisplayed())
                    .map(e -> e.getText().trim()).findFirst().orElse(null);
        }, "the secret shown");
    }

    /** The code.redeemed delivery of an endpoint when it is in {@code status}, else null. */
    private static JsonNode redeemedDelivery(long endpointId, String token, String status) {
        for (JsonNode d : world.get("/api/v1/distributors/me/webhooks/" + endpointId + "/deliveries?limit=20&cursor=", token).get("items")) {
            if (d.get("event_type").asText().equals("code.redeemed") && d.get("status").asText().equals(status)) {
                return d;
            }
        }
        return null;
    }

    /** What the receiver got at {@code path} for code.redeemed events (member.joined ones come too). */
    private static List<WebhookReceiver.Received> redeemedAt(String path) {
        return receiver.at(path).stream().filter(r -> "code.redeemed".equals(r.headers().get("InviteHub-Event"))).toList();
    }

    @Test
    void theAdminAddsThePlatformsEndpointOnTheStaffWebhooksPage(Chromium browser) {
        Pages pages = new Pages(browser, world.base).language("en");
        pages.signIn("admin", "admin-password");
        pages.menu("/console/webhooks");
        pages.waitFor("ih-staff-webhooks .empty-state");
        pages.click("ih-staff-webhooks sl-button.add-webhook");
        pages.type(".webhook-dialog sl-input[name=url]", "https://hooks.example.com/platform");
        check(pages, ".webhook-dialog sl-checkbox[data-event='order.paid']");
        pages.click(".webhook-dialog sl-button.dialog-submit");
        String secret = secretShown(pages);
        assertThat(secret).startsWith("whsec_");
        assertThat(pages.text(".webhook-dialog sl-alert[variant=warning]")).contains("Shown only now");
        pages.click(".webhook-dialog sl-button.dialog-close");
        pages.waitGone(".webhook-dialog .webhook-secret");
        JsonNode listed = world.get("/api/v1/admin/webhooks?limit=20&cursor=", world.admin).get("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("url").asText()).isEqualTo("https://hooks.example.com/platform");
        assertThat(listed.get(0).get("events").toString()).isEqualTo("[\"order.paid\"]");
        assertThat(pages.texts("ih-staff-webhooks tbody .event-tag")).containsExactly("Order paid");
        pages.click("ih-staff-webhooks tr[data-key='" + listed.get(0).get("id").asLong() + "'] sl-button.view-deliveries");
        pages.waitFor(".delivery-log .empty-state");
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);
        assertThat(browser.problems()).isEmpty();
        ConsoleWorld.ok(world.send("DELETE", "/api/v1/admin/webhooks/" + listed.get(0).get("id").asLong(), world.admin, null), 204);
    }

    @Test
    void aBuyerCancelsItsPendingOrderAfterConfirming(Chromium browser) {
        world.distributor("carl", "carl-password");
        String token = world.login("carl", "carl-password");
        JsonNode placed = world.place(token, planId, 1);
        String orderNo = placed.get("order_no").asText();
        Pages pages = new Pages(browser, world.base);
        pages.signIn("carl", "carl-password");
        pages.menu("/console/orders");
        String row = "ih-orders tr[data-key='" + orderNo + "']";
        pages.click(row + " sl-button.cancel-order");
        assertThat(pages.text(".confirm-dialog .confirm-message")).contains("¥49.90");
        pages.click(".confirm-dialog sl-button.confirm-cancel");
        pages.waitGone(".confirm-dialog");
        assertThat(world.get("/api/v1/distributors/me/code-orders/" + orderNo, token).get("status").asText()).as("not asked yet").isEqualTo("PENDING");
        pages.click(row + " sl-button.cancel-order");
        pages.click(".confirm-dialog sl-button.confirm-ok");
        assertThat(pages.toast()).contains(orderNo);
        pages.waitFor(row + " sl-tag[data-status=CANCELLED]");
        assertThat(browser.driver().findElements(By.cssSelector(row + " sl-button.cancel-order"))).isEmpty();
        JsonNode order = world.get("/api/v1/distributors/me/code-orders/" + orderNo, token);
        assertThat(order.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.get("pay_url").isNull()).isTrue();
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void staffRefundAPaidOrderAndItsUnusedCodesAreDisabled(Chromium browser) {
        world.distributor("rafe", "rafe-password");
        String token = world.login("rafe", "rafe-password");
        String orderNo = world.buy(token, planId, 1).get("order_no").asText();
        List<JsonNode> codes = new ArrayList<>();
        world.get("/api/v1/distributors/me/codes?limit=50&cursor=", token).get("items").forEach(codes::add);
        assertThat(codes).hasSize(5);
        world.redeem(codes.get(0).get("code").asText(), "rafe-customer@example.com");

        Pages pages = new Pages(browser, world.base);
        pages.signIn("admin", "admin-password");
        pages.menu("/console/orders");
        String row = "ih-staff-orders tr[data-key='" + orderNo + "']";
        pages.click(row + " sl-button.refund-order");
        assertThat(pages.text(".refund-dialog .dialog-intro")).contains("已退款").contains("¥49.90").contains("停用");
        pages.type(".refund-dialog sl-textarea[name=reason]", "bought twice by mistake");
        pages.settle();
        pages.shotWindow("zh-CN", "journey-staff-refund");
        pages.click(".refund-dialog sl-button.dialog-submit");
        assertThat(pages.toast()).contains(orderNo).contains("停用 4 个").contains("保留 1 个");
        pages.waitFor(row + " sl-tag[data-status=REFUNDED]");
        assertThat(browser.driver().findElements(By.cssSelector(row + " sl-button.refund-order"))).isEmpty();

        assertThat(world.get("/api/v1/admin/orders/" + orderNo, world.admin).get("status").asText()).isEqualTo("REFUNDED");
        List<String> unusedActive = new ArrayList<>();
        world.get("/api/v1/distributors/me/codes?limit=50&cursor=", token).get("items").forEach(c -> {
            if (c.get("active").asBoolean() && c.get("used_count").asInt() == 0) {
                unusedActive.add(c.get("code").asText());
            }
        });
        assertThat(unusedActive).as("the never-used codes are disabled").isEmpty();
        assertThat(world.get("/api/v1/distributors/me/codes?limit=50&cursor=&usage=used", token).get("items").get(0).get("active").asBoolean())
                .as("the redeemed code is kept").isTrue();
        assertThat(browser.problems()).isEmpty();
    }
}

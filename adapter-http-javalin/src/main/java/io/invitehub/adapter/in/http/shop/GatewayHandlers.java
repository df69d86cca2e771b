package io.invitehub.adapter.in.http.shop;

import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.adapter.in.http.wire.ContentSecurityPolicy;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.application.shop.port.in.PaymentNotificationUseCase;
import io.invitehub.application.shop.port.in.PaymentQueryUseCase;
import io.invitehub.application.shop.port.in.SandboxCheckoutUseCase;
import io.invitehub.domain.order.OrderStatus;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Currency;
import java.util.Map;
import java.util.Objects;

/**
 * The payment gateway's side of the shop (SPEC section 7): its notification (public, plain text
 * {@code success}/{@code fail}, never rate-limited), the sandbox gateway's pay page and the page the
 * buyer returns to.
 */
public final class GatewayHandlers {
    // ---- what the routes answer (ADR 40) ----------------------------------------------------------
    public static final ResponseShape NOTIFY_ANSWER = ResponseShape.text("text/plain");
    public static final ResponseShape PAGE_ANSWER = ResponseShape.text("text/html");

    private static final Logger LOG = LoggerFactory.getLogger(GatewayHandlers.class);

    /** What each route reads (ADR 33): the gateway signs its parameters as a whole, so each one, whatever its name, is text. */
    public static final RequestShape GATEWAY = RequestShape.none().everyParameter(Field.text("parameter", 512));
    /** The buyer comes back with the gateway's parameters (read only for out_trade_no, to schedule an order query). */
    public static final RequestShape RETURN = GATEWAY;

    /**
     * The sandbox pay page's one script: post the signed notification with the pressed button's {@code deliver}
     * to the sandbox's pay route and show the answer (allowed by its hash).
     */
    static final String PAY_SCRIPT = "document.getElementById('pay').addEventListener('submit',function(e){e.preventDefault();"
            + "var d=new FormData(this);d.append('deliver',e.submitter&&e.submitter.value==='no'?'no':'yes');"
            + "fetch(this.action,{method:'POST',body:new URLSearchParams(d)}).then(function(r){return r.text();})"
            + ".then(function(t){document.getElementById('result').textContent='Paid at the sandbox; InviteHub answered: '+t;});});";
    /** Where the sandbox page posts a payment (relative to the pay page's own path). */
    static final String SANDBOX_PAY = "pay";

    /** The sandbox pay form's button: {@code deliver=yes} sends the notification, {@code no} "loses" it (ADR 45). */
    static final String DELIVER = "deliver";

    private final PaymentNotificationUseCase notifications;
    private final SandboxCheckoutUseCase sandbox;
    private final PaymentQueryUseCase query;
    private final Currency currency;

    public GatewayHandlers(PaymentNotificationUseCase notifications, SandboxCheckoutUseCase sandbox, PaymentQueryUseCase query,
                           Currency currency) {
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.query = Objects.requireNonNull(query, "query");
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    /**
     * The buyer pays on the sandbox page: the sandbox records the payment (its order query reports it) and,
     * for {@code deliver=yes}, sends the notification as a gateway would; plain text, what InviteHub answered.
     */
    public void sandboxPay(Context ctx) {
        Map<String, String> params = new java.util.LinkedHashMap<>(HttpRequests.parameters(ctx));
        String deliver = params.remove(DELIVER);
        if (deliver == null || !(deliver.equals("yes") || deliver.equals("no"))) {
            throw new io.invitehub.adapter.in.http.wire.InvalidInput(DELIVER, DELIVER + " must be yes or no");
        }
        String answer = sandbox.pay(params, deliver.equals("yes"));
        ctx.status(200).contentType("text/plain; charset=utf-8").result(answer);
    }

    /**
     * The gateway's notification, by GET (query) or POST (form or query): plain text {@code success} or
     * {@code fail}. Never a problem detail: gateways only read these two words.
     */
    public void notify(Context ctx) {
        Map<String, String> params = HttpRequests.parameters(ctx);
        boolean success;
        try {
            success = notifications.handle(params);
        } catch (RuntimeException e) {
            LOG.error("payment notification failed; answering fail so the gateway retries", e);
            success = false;
        }
        ctx.status(200).contentType("text/plain; charset=utf-8").result(success ? "success" : "fail");
    }

    /** The sandbox gateway's pay page: what is being paid, and a button that posts the signed notification. */
    public void sandboxPayPage(Context ctx) {
        SandboxCheckoutUseCase.SandboxPage page = sandbox.open(HttpRequests.parameters(ctx));
        StringBuilder fields = new StringBuilder();
        page.payment().paidNotification().forEach((k, v) -> fields.append("<input type=\"hidden\" name=\"").append(html(k))
                .append("\" value=\"").append(html(v)).append("\">\n"));
        String status = page.orderStatus().map(Enum::name).orElse("UNKNOWN");
        boolean payable = page.orderStatus().filter(s -> s == OrderStatus.PENDING).isPresent();
        String body = "<!doctype html><html><head><meta charset=\"utf-8\"><title>InviteHub sandbox payment</title></head><body>"
                + "<h1>Sandbox payment</h1><p>This is the sandbox gateway of the embedded default: no money moves.</p>"
                + "<table><tr><td>Order</td><td>" + html(page.payment().outTradeNo()) + "</td></tr>"
                + "<tr><td>Item</td><td>" + html(page.payment().name()) + "</td></tr>"
                + "<tr><td>Amount</td><td>" + html(page.payment().money()) + " " + currency.getCurrencyCode() + "</td></tr>"
                + "<tr><td>Channel</td><td>" + html(page.payment().payType()) + "</td></tr>"
                + "<tr><td>Order status</td><td id=\"status\">" + html(status) + "</td></tr></table>"
                + "<form id=\"pay\" method=\"post\" action=\"" + SANDBOX_PAY + "\">\n" + fields
                + "<button type=\"submit\" name=\"" + DELIVER + "\" value=\"yes\"" + (payable ? "" : " disabled") + ">Pay "
                + html(page.payment().money()) + "</button> "
                + "<button type=\"submit\" name=\"" + DELIVER + "\" value=\"no\"" + (payable ? "" : " disabled")
                + ">Pay, but lose the notification (the order query must find it)</button></form>"
                + "<p id=\"result\"></p><p><a href=\"" + html(page.payment().returnUrl()) + "\">Back to the shop</a></p>"
                + "<script>" + PAY_SCRIPT + "</script></body></html>";
        ctx.header(ContentSecurityPolicy.HEADER, ContentSecurityPolicy.allowingScript(PAY_SCRIPT))
                .contentType("text/html; charset=utf-8").result(body);
    }

    /** Where the gateway sends the buyer back: the order's state is in the distributor console. */
    public void returnPage(Context ctx) {
        try {
            query.buyerReturned(HttpRequests.parameters(ctx));
        } catch (RuntimeException e) {
            LOG.warn("could not schedule the order query of a returning buyer", e);
        }
        ctx.contentType("text/html; charset=utf-8").result("<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<title>InviteHub payment</title></head><body><h1>Thank you</h1><p>Your payment is being confirmed. "
                + "The order's codes appear under <code>GET /api/v1/distributors/me/code-orders</code> once it is paid "
                + "and fulfilled.</p></body></html>");
    }

    private static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }
}

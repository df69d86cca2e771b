package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.application.shop.port.in.ManagePlansUseCase;
import io.invitehub.application.shop.port.in.OrderAdminUseCase;
import io.invitehub.application.shop.port.in.PaymentNotificationUseCase;
import io.invitehub.application.shop.port.in.PlaceOrderCommand;
import io.invitehub.application.shop.port.in.PlacedOrder;
import io.invitehub.application.shop.port.in.SandboxCheckoutUseCase;
import io.invitehub.application.shop.port.in.ShopUseCase;
import io.invitehub.application.shop.view.OrderStats;
import io.invitehub.application.shop.view.PaymentAlert;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.OrderStatus;
import io.invitehub.domain.order.PayType;
import io.invitehub.domain.order.Plan;
import io.invitehub.domain.order.PlanId;
import io.invitehub.domain.order.PlanSpec;
import io.invitehub.domain.order.PlanType;
import io.invitehub.domain.shared.Money;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.invitehub.adapter.in.http.HttpApi.invalid;
import static io.invitehub.adapter.in.http.HttpApi.required;

/**
 * The shop's HTTP handlers (SPEC section 7): plans (ADMIN), purchases (DISTRIBUTOR, own orders only),
 * order views, stats, alerts and fulfilment retry (staff), the gateway's notify (public, plain text
 * {@code success}/{@code fail}, never rate-limited) and the sandbox gateway's pay page. Routes are
 * declared in {@link HttpApi}'s route table.
 */
final class ShopHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ShopHandlers.class);

    private final ManagePlansUseCase plans;
    private final ShopUseCase shop;
    private final OrderAdminUseCase admin;
    private final PaymentNotificationUseCase notifications;
    private final SandboxCheckoutUseCase sandbox;
    private final Currency currency;
    private final ObjectMapper json = JsonMapping.objectMapper();

    ShopHandlers(ShopApi api) {
        this.plans = Objects.requireNonNull(api.plans(), "plans");
        this.shop = Objects.requireNonNull(api.shop(), "shop");
        this.admin = Objects.requireNonNull(api.admin(), "admin");
        this.notifications = Objects.requireNonNull(api.notifications(), "notifications");
        this.sandbox = Objects.requireNonNull(api.sandbox(), "sandbox");
        this.currency = Objects.requireNonNull(api.currency(), "currency");
    }

    // ---- request and response bodies ------------------------------------------------------------

    record PlanBody(String name, String planType, String price, String originalPrice, Integer codeCount, Integer codeMaxUses,
                    Integer validityDays, Boolean active, Boolean recommended, Integer sortOrder, String description) {
    }

    record OrderBody(Long planId, Integer quantity, String payType) {
    }

    record PlanView(long id, String name, String planType, String price, String originalPrice, String currency, int codeCount,
                    int codeMaxUses, int validityDays, boolean active, boolean recommended, int sortOrder, String description) {
        static PlanView of(Plan p) {
            PlanSpec s = p.spec();
            return new PlanView(p.id().value(), s.name(), s.type().name(), HttpResponses.money(s.price()),
                    s.originalPrice().map(HttpResponses::money).orElse(null), s.price().currency().getCurrencyCode(),
                    s.codeCount(), s.codeMaxUses(), s.validityDays(), s.active(), s.recommended(), s.sortOrder(),
                    s.description().orElse(null));
        }
    }

    record Placed(String orderNo, String amount, String payUrl, Instant expireAt, String status, int codesTotal) {
    }

    record OrderView(String orderNo, long planId, Long buyerId, int quantity, int codesTotal, String amount, String finalAmount,
                     String currency, String status, String payType, String tradeNo, Instant createdAt, Instant expireAt,
                     Instant paidAt, String fulfillmentStatus, int deliveredCount, int fulfillmentAttempts,
                     String fulfillmentError, String payUrl) {
        static OrderView of(Order o) {
            return of(o, null);
        }

        static OrderView of(Order o, String payUrl) {
            return new OrderView(o.orderNo().value(), o.planId().value(), o.buyer().map(b -> b.value()).orElse(null),
                    o.quantity(), o.codesTotal(), HttpResponses.money(o.amount()), HttpResponses.money(o.finalAmount()),
                    o.finalAmount().currency().getCurrencyCode(), o.status().name(), o.payType().map(PayType::value).orElse(null),
                    o.tradeNo().orElse(null), o.createdAt(), o.expireAt(), o.paidAt().orElse(null),
                    o.fulfilment().status().name(), o.fulfilment().delivered(), o.fulfilment().attempts(),
                    o.fulfilment().error().orElse(null), payUrl);
        }
    }

    record Stats(Map<String, Long> countByStatus, Map<String, String> amountByStatus, String currency, long paidTodayCount,
                 String paidTodayAmount, long codesDelivered, long fulfillmentFailed, long fulfillmentOpen) {
        static Stats of(OrderStats s) {
            Map<String, Long> counts = new java.util.TreeMap<>();
            s.countByStatus().forEach((k, v) -> counts.put(k.name(), v));
            Map<String, String> amounts = new java.util.TreeMap<>();
            s.amountByStatus().forEach((k, v) -> amounts.put(k.name(), HttpResponses.money(v)));
            return new Stats(counts, amounts, s.paidSinceAmount().currency().getCurrencyCode(), s.paidSinceCount(),
                    HttpResponses.money(s.paidSinceAmount()), s.codesDelivered(), s.fulfilmentFailed(), s.fulfilmentOpen());
        }
    }

    record AlertView(long id, String kind, String orderNo, String tradeNo, String detail, Instant createdAt) {
        static AlertView of(PaymentAlert a) {
            return new AlertView(a.id(), a.kind().name(), a.orderNo().orElse(null), a.tradeNo().orElse(null), a.detail(), a.at());
        }
    }

    // ---- admin: plans ---------------------------------------------------------------------------

    void listPlans(Context ctx) {
        ctx.json(plans.all(Access.actor(ctx)).stream().map(PlanView::of).collect(Collectors.toList()));
    }

    void createPlan(Context ctx) {
        PlanSpec spec = spec(HttpApi.body(json, ctx, PlanBody.class));
        ctx.status(201).json(PlanView.of(plans.create(Access.actor(ctx), spec)));
    }

    void updatePlan(Context ctx) {
        PlanId id = planId(ctx);
        PlanSpec spec = spec(HttpApi.body(json, ctx, PlanBody.class));
        ctx.json(PlanView.of(plans.update(Access.actor(ctx), id, spec)));
    }

    void deletePlan(Context ctx) {
        plans.delete(Access.actor(ctx), planId(ctx));
        ctx.status(204);
    }

    // ---- distributor ----------------------------------------------------------------------------

    void myPlans(Context ctx) {
        ctx.json(plans.onSale(Access.caller(ctx).id()).stream().map(PlanView::of).collect(Collectors.toList()));
    }

    void placeOrder(Context ctx) {
        OrderBody body = HttpApi.body(json, ctx, OrderBody.class);
        long planId = required(body.planId(), "plan_id");
        if (planId < 1) {
            throw invalid("plan_id must be a positive number");
        }
        int quantity = required(body.quantity(), "quantity");
        PayType payType = PayType.of(required(body.payType(), "pay_type"));
        PlacedOrder placed = shop.place(new PlaceOrderCommand(Access.caller(ctx).id(), new PlanId(planId), quantity, payType));
        Order o = placed.order();
        ctx.status(201).json(new Placed(o.orderNo().value(), HttpResponses.money(o.finalAmount()), placed.payUrl(), o.expireAt(),
                o.status().name(), o.codesTotal()));
    }

    void myOrders(Context ctx) {
        HttpApi.list(ctx, shop.myOrders(Access.caller(ctx).id(), HttpApi.pageRequest(ctx)), OrderView::of);
    }

    void myOrder(Context ctx) {
        OrderNo orderNo = orderNo(ctx);
        Order order = shop.myOrder(Access.caller(ctx).id(), orderNo);
        ctx.json(OrderView.of(order, shop.payUrl(Access.caller(ctx).id(), orderNo).orElse(null)));
    }

    // ---- staff ----------------------------------------------------------------------------------

    void orders(Context ctx) {
        Optional<OrderStatus> status = Optional.ofNullable(ctx.queryParam("status"))
                .map(raw -> HttpApi.enumValue(OrderStatus.class, raw, "status"));
        HttpApi.list(ctx, admin.orders(Access.actor(ctx), status, HttpApi.pageRequest(ctx)), OrderView::of);
    }

    void order(Context ctx) {
        ctx.json(OrderView.of(admin.order(Access.actor(ctx), orderNo(ctx))));
    }

    void stats(Context ctx) {
        ctx.json(Stats.of(admin.stats(Access.actor(ctx))));
    }

    void alerts(Context ctx) {
        HttpApi.list(ctx, admin.alerts(Access.actor(ctx), HttpApi.pageRequest(ctx)), AlertView::of);
    }

    void retryFulfilment(Context ctx) {
        ctx.json(OrderView.of(admin.retryFulfilment(Access.actor(ctx), orderNo(ctx))));
    }

    // ---- public: gateway ------------------------------------------------------------------------

    /**
     * The gateway's notification, by GET (query) or POST (form or query): plain text {@code success} or
     * {@code fail}. Never a problem detail: gateways only read these two words.
     */
    void notify(Context ctx) {
        Map<String, String> params = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
        if (ctx.method().name().equals("POST") && ctx.isFormUrlencoded()) {
            ctx.formParamMap().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
        }
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
    void sandboxPayPage(Context ctx) {
        Map<String, String> params = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
        SandboxCheckoutUseCase.SandboxPage page = sandbox.open(params);
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
                + "<form id=\"pay\" method=\"post\" action=\"" + html(page.payment().notifyUrl()) + "\">\n" + fields
                + "<button type=\"submit\"" + (payable ? "" : " disabled") + ">Pay " + html(page.payment().money()) + "</button></form>"
                + "<p id=\"result\"></p><p><a href=\"" + html(page.payment().returnUrl()) + "\">Back to the shop</a></p>"
                + "<script>document.getElementById('pay').addEventListener('submit',function(e){e.preventDefault();"
                + "fetch(this.action,{method:'POST',body:new URLSearchParams(new FormData(this))}).then(function(r){return r.text();})"
                + ".then(function(t){document.getElementById('result').textContent='Gateway notified, InviteHub answered: '+t;});});"
                + "</script></body></html>";
        ctx.contentType("text/html; charset=utf-8").result(body);
    }

    /** Where the gateway sends the buyer back: the order's state is in the distributor console. */
    void returnPage(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result("<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<title>InviteHub payment</title></head><body><h1>Thank you</h1><p>Your payment is being confirmed. "
                + "The order's codes appear under <code>GET /api/v1/distributors/me/code-orders</code> once it is paid "
                + "and fulfilled.</p></body></html>");
    }

    // ---- parsing --------------------------------------------------------------------------------

    private PlanSpec spec(PlanBody b) {
        PlanType type = Optional.ofNullable(b.planType()).map(raw -> HttpApi.enumValue(PlanType.class, raw, "plan_type"))
                .orElse(PlanType.DISTRIBUTOR_CODES);
        return new PlanSpec(b.name(), type, money(required(b.price(), "price"), "price"),
                Optional.ofNullable(b.originalPrice()).map(raw -> money(raw, "original_price")),
                required(b.codeCount(), "code_count"), required(b.codeMaxUses(), "code_max_uses"),
                required(b.validityDays(), "validity_days"), b.active() == null || b.active(),
                b.recommended() != null && b.recommended(), b.sortOrder() == null ? 0 : b.sortOrder(),
                Optional.ofNullable(b.description()));
    }

    /** A decimal string in major units ({@code "12.50"}) with at most the currency's digits; never a float. */
    private Money money(String raw, String field) {
        try {
            BigDecimal value = new BigDecimal(raw.strip());
            if (value.stripTrailingZeros().scale() > currency.getDefaultFractionDigits() || value.signum() < 0) {
                throw invalid(field + " must be a non-negative amount with at most " + currency.getDefaultFractionDigits() + " decimals");
            }
            return Money.ofMinor(value.movePointRight(currency.getDefaultFractionDigits()).longValueExact(), currency);
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(field + " must be a decimal string such as \"12.50\"");
        }
    }

    private static PlanId planId(Context ctx) {
        return new PlanId(HttpApi.positiveId(ctx.pathParam("id"), "plan id"));
    }

    private static OrderNo orderNo(Context ctx) {
        return new OrderNo(ctx.pathParam("order_no"));
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

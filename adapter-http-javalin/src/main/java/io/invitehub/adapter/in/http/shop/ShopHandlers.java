package io.invitehub.adapter.in.http.shop;

import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.adapter.in.http.shop.ShopResponses.AlertView;
import io.invitehub.adapter.in.http.shop.ShopResponses.OrderView;
import io.invitehub.adapter.in.http.shop.ShopResponses.Placed;
import io.invitehub.adapter.in.http.shop.ShopResponses.PlanView;
import io.invitehub.adapter.in.http.shop.ShopResponses.Stats;
import io.invitehub.adapter.in.http.wire.Amounts;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.adapter.in.http.wire.PageBody;
import io.invitehub.application.shop.port.in.CancelOrderUseCase;
import io.invitehub.application.shop.port.in.ManagePlansUseCase;
import io.invitehub.application.shop.port.in.RefundOrderUseCase;
import io.invitehub.application.shop.port.in.OrderAdminUseCase;
import io.invitehub.application.shop.port.in.PlaceOrderCommand;
import io.invitehub.application.shop.port.in.PlacedOrder;
import io.invitehub.application.shop.port.in.ShopUseCase;
import io.invitehub.application.shop.view.PaymentAlert;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.order.NewOrder;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.OrderStatus;
import io.invitehub.domain.order.PayType;
import io.invitehub.domain.order.PlanId;
import io.invitehub.domain.order.PlanSpec;
import io.invitehub.domain.order.PlanType;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.UserId;
import io.javalin.http.Context;

import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.invitehub.adapter.in.http.wire.HttpRequests.actor;
import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.caller;
import static io.invitehub.adapter.in.http.wire.HttpRequests.enumParam;
import static io.invitehub.adapter.in.http.wire.HttpRequests.enumValue;
import static io.invitehub.adapter.in.http.wire.HttpRequests.invalid;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pageRequest;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pathId;
import static io.invitehub.adapter.in.http.wire.HttpRequests.required;

/**
 * The shop's routes for people (SPEC section 7): plans (ADMIN), purchases (DISTRIBUTOR, own orders only),
 * order views, stats, alerts and fulfilment retry (staff). The gateway's side is {@link GatewayHandlers}.
 */
public final class ShopHandlers {
    // ---- what the routes answer (ADR 40) ----------------------------------------------------------
    public static final ResponseShape PLANS_ANSWER = ResponseShape.list(ShopResponses.PlanView.class);
    public static final ResponseShape PUBLIC_PLANS_ANSWER = ResponseShape.list(ShopResponses.PublicPlan.class);
    public static final ResponseShape PLAN_CREATED_ANSWER = ResponseShape.created(ShopResponses.PlanView.class);
    public static final ResponseShape PLAN_ANSWER = ResponseShape.ok(ShopResponses.PlanView.class);
    public static final ResponseShape PLACED_ANSWER = ResponseShape.created(ShopResponses.Placed.class);
    public static final ResponseShape ORDERS_ANSWER = ResponseShape.page(ShopResponses.OrderView.class);
    public static final ResponseShape ORDER_ANSWER = ResponseShape.ok(ShopResponses.OrderView.class);
    public static final ResponseShape REFUND_ANSWER = ResponseShape.ok(ShopResponses.RefundView.class);
    public static final ResponseShape STATS_ANSWER = ResponseShape.ok(ShopResponses.Stats.class);
    public static final ResponseShape ALERTS_ANSWER = ResponseShape.page(ShopResponses.AlertView.class);
    public static final ResponseShape ALERT_ANSWER = ResponseShape.ok(ShopResponses.AlertView.class);

    private static final Field PLAN_ID = Field.id("id").labelled("plan id");
    private static final Field ORDER_NO = Field.token("order_no", 32);

    /** What each route reads (ADR 33). */
    public static final RequestShape PLAN = RequestShape.none().body(Field.text("name", PlanSpec.MAX_NAME), Field.choice("plan_type", PlanType.class),
            Field.decimal("price"), Field.decimal("original_price"), Field.integer("code_count", 1, PlanSpec.MAX_CODE_COUNT),
            Field.integer("code_max_uses", 0, PlanSpec.MAX_CODE_USES), Field.integer("validity_days", 1, CodeTerms.MAX_VALIDITY_DAYS),
            Field.bool("active"), Field.bool("recommended"), Field.integer("sort_order", Integer.MIN_VALUE, Integer.MAX_VALUE),
            Field.prose("description", PlanSpec.MAX_DESCRIPTION));
    public static final RequestShape ONE_PLAN = RequestShape.none().path(PLAN_ID);
    public static final RequestShape UPDATE_PLAN = PLAN.path(PLAN_ID);
    public static final RequestShape PLACE_ORDER = RequestShape.none().body(Field.id("plan_id"),
            Field.integer("quantity", 1, NewOrder.MAX_QUANTITY), Field.token("pay_type", 20));
    public static final RequestShape ONE_ORDER = RequestShape.none().path(ORDER_NO);
    public static final RequestShape PAGE = RequestShape.none().query(HttpRequests.PAGE_PARAMETERS);
    public static final RequestShape ORDERS = PAGE.query(Field.choice("status", OrderStatus.class), Field.id("buyer_id"));
    public static final RequestShape NOTHING = RequestShape.none();
    public static final RequestShape REFUND = ONE_ORDER.body(Field.prose("reason", 500));
    public static final RequestShape ALERTS = PAGE.query(Field.choice("state", PaymentAlert.State.class));
    public static final RequestShape HANDLE_ALERT = RequestShape.none().path(Field.id("id").labelled("payment alert id"))
            .body(Field.prose("note", OrderAdminUseCase.MAX_ALERT_NOTE));

    private final ManagePlansUseCase plans;
    private final ShopUseCase shop;
    private final OrderAdminUseCase admin;
    private final Currency currency;
    private final CancelOrderUseCase cancel;
    private final RefundOrderUseCase refund;

    public ShopHandlers(ManagePlansUseCase plans, ShopUseCase shop, OrderAdminUseCase admin, Currency currency,
                        CancelOrderUseCase cancel, RefundOrderUseCase refund) {
        this.plans = Objects.requireNonNull(plans, "plans");
        this.shop = Objects.requireNonNull(shop, "shop");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.cancel = Objects.requireNonNull(cancel, "cancel");
        this.refund = Objects.requireNonNull(refund, "refund");
    }

    record RefundBody(String reason) {
    }

    record HandleAlertBody(String note) {
    }

    record PlanBody(String name, String planType, String price, String originalPrice, Integer codeCount, Integer codeMaxUses,
                    Integer validityDays, Boolean active, Boolean recommended, Integer sortOrder, String description) {
    }

    record OrderBody(Long planId, Integer quantity, String payType) {
    }

    // ---- admin: plans ---------------------------------------------------------------------------

    public void listPlans(Context ctx) {
        ctx.json(plans.all(actor(ctx)).stream().map(PlanView::of).collect(Collectors.toList()));
    }

    public void createPlan(Context ctx) {
        PlanSpec spec = spec(body(ctx, PlanBody.class));
        ctx.status(201).json(PlanView.of(plans.create(actor(ctx), spec)));
    }

    public void updatePlan(Context ctx) {
        PlanId id = planId(ctx);
        PlanSpec spec = spec(body(ctx, PlanBody.class));
        ctx.json(PlanView.of(plans.update(actor(ctx), id, spec)));
    }

    public void deletePlan(Context ctx) {
        plans.delete(actor(ctx), planId(ctx));
        ctx.status(204);
    }

    // ---- distributor ----------------------------------------------------------------------------

    /** {@code GET /public/plans}: the PUBLIC plans on sale, with prices (the official link's plan list). */
    public void publicPlans(Context ctx) {
        ctx.json(plans.onSaleToPublic().stream().map(ShopResponses.PublicPlan::of).collect(Collectors.toList()));
    }

    public void myPlans(Context ctx) {
        ctx.json(plans.onSale(caller(ctx).id()).stream().map(PlanView::of).collect(Collectors.toList()));
    }

    public void placeOrder(Context ctx) {
        OrderBody body = body(ctx, OrderBody.class);
        long planId = required(body.planId(), "plan_id");
        if (planId < 1) {
            throw invalid("plan_id must be a positive number");
        }
        int quantity = required(body.quantity(), "quantity");
        PayType payType = PayType.of(required(body.payType(), "pay_type"));
        PlacedOrder placed = shop.place(new PlaceOrderCommand(caller(ctx).id(), new PlanId(planId), quantity, payType));
        Order o = placed.order();
        ctx.status(201).json(new Placed(o.orderNo().value(), Amounts.text(o.finalAmount()), placed.payUrl(), o.expireAt(),
                o.status().name(), o.codesTotal()));
    }

    public void myOrders(Context ctx) {
        PageBody.answer(ctx, shop.myOrders(caller(ctx).id(), pageRequest(ctx)), OrderView::of);
    }

    public void myOrder(Context ctx) {
        OrderNo orderNo = orderNo(ctx);
        Order order = shop.myOrder(caller(ctx).id(), orderNo);
        ctx.json(OrderView.of(order, shop.payUrl(caller(ctx).id(), orderNo).orElse(null)));
    }

    public void cancelMyOrder(Context ctx) {
        ctx.json(OrderView.of(cancel.cancel(caller(ctx).id(), orderNo(ctx))));
    }

    // ---- staff ----------------------------------------------------------------------------------

    public void refundOrder(Context ctx) {
        OrderNo orderNo = orderNo(ctx);
        Optional<String> reason = HttpRequests.optionalBody(ctx, RefundBody.class).map(RefundBody::reason);
        RefundOrderUseCase.Refunded done = refund.refund(actor(ctx), orderNo, reason);
        ctx.json(new ShopResponses.RefundView(OrderView.of(done.order()), done.codesDisabled(), done.codesKept()));
    }

    public void orders(Context ctx) {
        Optional<OrderStatus> status = enumParam(ctx, "status", OrderStatus.class);
        String buyer = HttpRequests.queryParam(ctx, "buyer_id");
        if (buyer != null) {
            UserId buyerId = new UserId(HttpRequests.positiveId(buyer, "buyer_id"));
            PageBody.answer(ctx, admin.ordersOf(actor(ctx), buyerId, status, pageRequest(ctx)), OrderView::of);
            return;
        }
        PageBody.answer(ctx, admin.orders(actor(ctx), status, pageRequest(ctx)), OrderView::of);
    }

    public void order(Context ctx) {
        ctx.json(OrderView.of(admin.order(actor(ctx), orderNo(ctx))));
    }

    public void stats(Context ctx) {
        ctx.json(Stats.of(admin.stats(actor(ctx))));
    }

    /** {@code ?state=open} (the default: what still needs a person), {@code handled} or {@code all}. */
    public void alerts(Context ctx) {
        PaymentAlert.State state = enumParam(ctx, "state", PaymentAlert.State.class).orElse(PaymentAlert.State.OPEN);
        PageBody.answer(ctx, admin.alerts(actor(ctx), state, pageRequest(ctx)), AlertView::of);
    }

    public void handleAlert(Context ctx) {
        HandleAlertBody b = body(ctx, HandleAlertBody.class);
        ctx.json(AlertView.of(admin.handleAlert(actor(ctx), pathId(ctx, "payment alert id"), required(b.note(), "note"))));
    }

    public void retryFulfilment(Context ctx) {
        ctx.json(OrderView.of(admin.retryFulfilment(actor(ctx), orderNo(ctx))));
    }

    // ---- parsing --------------------------------------------------------------------------------

    private PlanSpec spec(PlanBody b) {
        PlanType type = Optional.ofNullable(b.planType()).map(raw -> enumValue(PlanType.class, raw, "plan_type"))
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
        return Amounts.parse(raw, field, currency);
    }

    private static PlanId planId(Context ctx) {
        return new PlanId(pathId(ctx, "plan id"));
    }

    private static OrderNo orderNo(Context ctx) {
        return new OrderNo(HttpRequests.pathParam(ctx, "order_no"));
    }
}

package io.invitehub.application.shop.service;

import io.invitehub.application.site.port.in.PlatformTermsQuery;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageCursor;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shared.service.CallerRules;
import io.invitehub.application.shop.port.in.ExpireOrdersUseCase;
import io.invitehub.application.shop.port.in.OrderAdminUseCase;
import io.invitehub.application.shop.port.in.PlaceOrderCommand;
import io.invitehub.application.shop.port.in.PlacedOrder;
import io.invitehub.application.shop.port.in.ShopUseCase;
import io.invitehub.application.shop.port.out.Checkout;
import io.invitehub.application.shop.port.out.OrderKey;
import io.invitehub.application.shop.port.out.OrderNumbers;
import io.invitehub.application.shop.port.out.Orders;
import io.invitehub.application.shop.port.out.PaymentAlerts;
import io.invitehub.application.shop.port.out.PaymentGateway;
import io.invitehub.application.shop.port.out.Plans;
import io.invitehub.application.shop.view.OrderStats;
import io.invitehub.application.shop.view.PaymentAlert;
import io.invitehub.domain.order.NewOrder;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.OrderStatus;
import io.invitehub.domain.order.Plan;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Orders: a distributor places one (amount = plan price × quantity, SPEC section 7) and reads its own;
 * staff list them with real amounts, see payment alerts and retry a failed fulfilment; a batch job
 * expires unpaid ones.
 */
public final class ShopService implements ShopUseCase, OrderAdminUseCase, ExpireOrdersUseCase {
    static final String ORDERS_CURSOR = "orders";
    static final String ALERTS_CURSOR = "alerts";
    private static final int ORDER_NO_ATTEMPTS = 5;

    private final TransactionRunner transactions;
    private final Plans plans;
    private final Orders orders;
    private final PaymentAlerts alerts;
    private final Users users;
    private final PaymentGateway gateway;
    private final OrderNumbers numbers;
    private final AuditLog audit;
    private final WakeUps wakeUps;
    private final Clock clock;
    private final ShopSettings settings;
    private final PlatformTermsQuery terms;

    /** {@code terms}: the payment window of a new order is read from it at each order (ADR 51). */
    public ShopService(TransactionRunner transactions, Plans plans, Orders orders, PaymentAlerts alerts, Users users,
                       PaymentGateway gateway, OrderNumbers numbers, AuditLog audit, WakeUps wakeUps, Clock clock,
                       ShopSettings settings, PlatformTermsQuery terms) {
        this.transactions = transactions;
        this.plans = plans;
        this.orders = orders;
        this.alerts = alerts;
        this.users = users;
        this.gateway = gateway;
        this.numbers = numbers;
        this.audit = audit;
        this.wakeUps = wakeUps;
        this.clock = clock;
        this.settings = settings;
        this.terms = java.util.Objects.requireNonNull(terms, "terms");
    }

    // ---- distributor ----------------------------------------------------------------------------

    @Override
    public PlacedOrder place(PlaceOrderCommand command) {
        User buyer = distributor(command.buyer());
        if (!settings.payTypes().contains(command.payType())) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "pay_type must be one of "
                    + settings.payTypes().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
        }
        if (!gateway.available()) {
            throw new DomainException(ErrorCode.PAYMENT_UNAVAILABLE, "payments are not configured on this server");
        }
        Plan plan = plans.findById(command.plan()).filter(Plan::sellsToDistributors)
                .orElseThrow(() -> DomainException.notFound("plan " + command.plan().value() + " is not on sale"));
        Instant now = clock.instant();
        java.time.Duration paymentWindow = terms.terms().paymentWindow();
        Order order = null;
        for (int attempt = 1; order == null; attempt++) {
            NewOrder draft = NewOrder.forDistributor(plan, buyer.id(), command.quantity(), command.payType(),
                    numbers.next(now), now, paymentWindow, settings.maxCodesPerOrder());
            try {
                order = transactions.inTransaction(() -> {
                    Order created = orders.create(draft);
                    audit.record(AuditEntry.of(Actor.of(buyer), "ORDER_CREATE", "ORDER", created.orderNo().value(),
                            "plan=" + plan.id().value() + ", quantity=" + created.quantity() + ", amount=" + created.finalAmount(), now));
                    return created;
                });
            } catch (DomainException taken) {
                if (taken.code() != ErrorCode.CONFLICT || attempt >= ORDER_NO_ATTEMPTS) {
                    throw taken;
                }
            }
        }
        String payUrl = gateway.payUrl(new Checkout(order.orderNo(), plan.spec().name(), order.finalAmount(), command.payType()));
        return new PlacedOrder(order, payUrl);
    }

    @Override
    public Page<Order> myOrders(UserId caller, PageRequest page) {
        User buyer = distributor(caller);
        return page(Optional.of(buyer.id()), Optional.empty(), page);
    }

    @Override
    public Order myOrder(UserId caller, OrderNo orderNo) {
        User buyer = distributor(caller);
        // another distributor's order is indistinguishable from an unknown one
        return orders.findByNo(orderNo).filter(o -> o.isBoughtBy(buyer.id()))
                .orElseThrow(() -> DomainException.notFound("order " + orderNo + " does not exist"));
    }

    @Override
    public Optional<String> payUrl(UserId caller, OrderNo orderNo) {
        Order order = myOrder(caller, orderNo);
        if (order.status() != OrderStatus.PENDING || !clock.instant().isBefore(order.expireAt()) || order.payType().isEmpty()) {
            return Optional.empty();
        }
        return plans.findById(order.planId())
                .map(plan -> gateway.payUrl(new Checkout(order.orderNo(), plan.spec().name(), order.finalAmount(), order.payType().get())));
    }

    // ---- staff ----------------------------------------------------------------------------------

    @Override
    public Page<Order> orders(Actor staff, Optional<OrderStatus> status, PageRequest page) {
        staff.requireStaff();
        return page(Optional.empty(), status, page);
    }

    @Override
    public Page<Order> ordersOf(Actor staff, UserId buyer, Optional<OrderStatus> status, PageRequest page) {
        staff.requireStaff();
        return page(Optional.of(buyer), status, page);
    }

    @Override
    public Order order(Actor staff, OrderNo orderNo) {
        staff.requireStaff();
        return orders.findByNo(orderNo).orElseThrow(() -> DomainException.notFound("order " + orderNo + " does not exist"));
    }

    @Override
    public OrderStats stats(Actor staff) {
        staff.requireStaff();
        Instant now = clock.instant();
        Instant dayStart = LocalDate.ofInstant(now, settings.businessZone()).atStartOfDay(settings.businessZone()).toInstant();
        return orders.stats(dayStart, settings.currency());
    }

    @Override
    public Page<PaymentAlert> alerts(Actor staff, PaymentAlert.State state, PageRequest page) {
        staff.requireStaff();
        Optional<Long> before = page.cursor().map(c -> c.longKey(ALERTS_CURSOR, 1, 0));
        List<PaymentAlert> rows = alerts.latest(state, before, page.limit() + 1);
        boolean more = rows.size() > page.limit();
        List<PaymentAlert> items = more ? rows.subList(0, page.limit()) : rows;
        Optional<PageCursor> next = more ? Optional.of(PageCursor.of(ALERTS_CURSOR, items.get(items.size() - 1).id())) : Optional.empty();
        return new Page<>(items, next);
    }

    @Override
    public PaymentAlert handleAlert(Actor staff, long alertId, String note) {
        staff.requireStaff();
        String text = note == null ? "" : note.strip();
        if (text.isEmpty() || text.length() > MAX_ALERT_NOTE) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "note is required (at most " + MAX_ALERT_NOTE
                    + " characters): say how the money went back");
        }
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            if (!alerts.markHandled(alertId, staff.userId().orElseThrow(), text, now)) {
                PaymentAlert found = alerts.find(alertId)
                        .orElseThrow(() -> DomainException.notFound("payment alert " + alertId + " does not exist"));
                PaymentAlert.Handling done = found.handled().orElseThrow();
                throw new DomainException(ErrorCode.PAYMENT_ALERT_ALREADY_HANDLED, "payment alert " + alertId + " was marked handled "
                        + done.at() + done.byUsername().map(u -> " by " + u).orElse("") + ": " + done.note() + "; nothing changed");
            }
            PaymentAlert handled = alerts.find(alertId).orElseThrow();
            audit.record(AuditEntry.of(staff, "PAYMENT_ALERT_HANDLED", "PAYMENT_ALERT", alertId,
                    handled.kind() + handled.orderNo().map(o -> " order " + o).orElse("") + ": " + text, now));
            return handled;
        });
    }

    @Override
    public Order retryFulfilment(Actor staff, OrderNo orderNo) {
        staff.requireStaff();
        Instant now = clock.instant();
        Order order = transactions.inTransaction(() -> {
            Order found = orders.findByNo(orderNo).orElseThrow(() -> DomainException.notFound("order " + orderNo + " does not exist"));
            if (!orders.retryFulfilment(found.id(), now)) {
                throw new DomainException(ErrorCode.CONFLICT, "only an order whose fulfilment FAILED can be retried; it is "
                        + found.fulfilment().status());
            }
            audit.record(AuditEntry.of(staff, "ORDER_FULFILMENT_RETRY", "ORDER", orderNo.value(),
                    "delivered=" + found.fulfilment().delivered() + "/" + found.codesTotal(), now));
            return orders.findByNo(orderNo).orElseThrow();
        });
        wakeUps.signal(WakeUps.Work.ORDER_FULFILMENT);
        return order;
    }

    // ---- batch job ------------------------------------------------------------------------------

    @Override
    public int expireDue() {
        Instant now = clock.instant();
        int total = 0;
        int expired;
        do {
            expired = transactions.inTransaction(() -> orders.expireDue(now, settings.expiryBatch()));
            total += expired;
        } while (expired == settings.expiryBatch());
        return total;
    }

    // ---- helpers --------------------------------------------------------------------------------

    private User distributor(UserId caller) {
        User user = new CallerRules(users).caller(caller);
        if (user.role() != Role.DISTRIBUTOR) {
            throw new DomainException(ErrorCode.FORBIDDEN, "only distributors buy codes");
        }
        return user;
    }

    private Page<Order> page(Optional<UserId> buyer, Optional<OrderStatus> status, PageRequest page) {
        Optional<OrderKey> after = page.cursor().map(c -> new OrderKey(
                Instant.EPOCH.plus(c.longKey(ORDERS_CURSOR, 2, 0), ChronoUnit.MICROS), c.longKey(ORDERS_CURSOR, 2, 1)));
        List<Order> rows = orders.list(buyer, status, after, page.limit() + 1);
        boolean more = rows.size() > page.limit();
        List<Order> items = more ? rows.subList(0, page.limit()) : rows;
        Optional<PageCursor> next = Optional.empty();
        if (more) {
            Order last = items.get(items.size() - 1);
            next = Optional.of(PageCursor.of(ORDERS_CURSOR, ChronoUnit.MICROS.between(Instant.EPOCH, last.createdAt()), last.id().value()));
        }
        return new Page<>(items, next);
    }
}

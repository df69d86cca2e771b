package io.invitehub.adapter.in.http;

import io.invitehub.adapter.in.http.shop.ShopApi;
import io.invitehub.application.shop.port.in.ManagePlansUseCase;
import io.invitehub.application.shop.port.in.OrderAdminUseCase;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageRequest;
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
import io.invitehub.domain.order.Plan;
import io.invitehub.domain.order.PlanId;
import io.invitehub.domain.order.PlanSpec;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.UserId;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The shop's use cases for HTTP tests: records what the handlers passed; nothing is stored. */
final class ShopFakes implements ManagePlansUseCase, ShopUseCase, OrderAdminUseCase, PaymentNotificationUseCase,
        SandboxCheckoutUseCase, io.invitehub.application.shop.port.in.CancelOrderUseCase,
        io.invitehub.application.shop.port.in.RefundOrderUseCase, io.invitehub.application.shop.port.in.PaymentQueryUseCase {
    final List<Map<String, String>> returns = new ArrayList<>();
    final List<Map<String, String>> notifications = new ArrayList<>();
    volatile RuntimeException notifyFailure;
    volatile List<Plan> publicPlans = List.of();

    ShopApi api() {
        return new ShopApi(this, this, this, this, this, Currency.getInstance("CNY"), this, this, this);
    }

    @Override
    public boolean handle(Map<String, String> parameters) {
        notifications.add(Map.copyOf(parameters));
        if (notifyFailure != null) {
            throw notifyFailure;
        }
        return "TRADE_SUCCESS".equals(parameters.get("trade_status"));
    }

    @Override public Order cancel(UserId caller, OrderNo orderNo) { throw DomainException.notFound("no order"); }
    @Override public Refunded refund(Actor staff, OrderNo orderNo, Optional<String> reason) { throw DomainException.notFound("no order"); }
    @Override public void buyerReturned(Map<String, String> parameters) { returns.add(Map.copyOf(parameters)); }
    @Override public int queryDue() { return 0; }
    @Override public String pay(Map<String, String> notification, boolean deliver) { throw DomainException.notFound("no sandbox"); }
    @Override public Plan create(Actor admin, PlanSpec spec) { return new Plan(new PlanId(1), spec); }
    @Override public Plan update(Actor admin, PlanId id, PlanSpec spec) { return new Plan(id, spec); }
    @Override public void delete(Actor admin, PlanId id) { throw DomainException.notFound("no plan"); }
    @Override public List<Plan> all(Actor admin) { return List.of(); }
    @Override public List<Plan> onSale(UserId distributor) { return List.of(); }
    @Override public List<Plan> onSaleToPublic() { return publicPlans; }
    @Override public PlacedOrder place(PlaceOrderCommand command) { throw DomainException.notFound("no plan"); }
    @Override public Page<Order> myOrders(UserId caller, PageRequest page) { return new Page<>(List.of(), Optional.empty()); }
    @Override public Order myOrder(UserId caller, OrderNo orderNo) { throw DomainException.notFound("no order"); }
    @Override public Optional<String> payUrl(UserId caller, OrderNo orderNo) { throw DomainException.notFound("no order"); }
    @Override public Page<Order> orders(Actor staff, Optional<OrderStatus> status, PageRequest page) { return new Page<>(List.of(), Optional.empty()); }
    @Override public Page<Order> ordersOf(Actor staff, io.invitehub.domain.user.UserId buyer, Optional<OrderStatus> status, PageRequest page) { return new Page<>(List.of(), Optional.empty()); }
    @Override public Order order(Actor staff, OrderNo orderNo) { throw DomainException.notFound("no order"); }
    @Override public OrderStats stats(Actor staff) { throw new UnsupportedOperationException("not in HTTP tests"); }
    @Override public Page<PaymentAlert> alerts(Actor staff, PaymentAlert.State state, PageRequest page) { return new Page<>(List.of(), Optional.empty()); }
    @Override public PaymentAlert handleAlert(Actor staff, long alertId, String note) {
        return new PaymentAlert(alertId, PaymentAlert.Kind.ORDER_CLOSED, Optional.empty(), Optional.empty(), "closed", InPortFakes.NOW);
    }
    @Override public Order retryFulfilment(Actor staff, OrderNo orderNo) { throw DomainException.notFound("no order"); }
    @Override public SandboxPage open(Map<String, String> payRequest) { throw DomainException.notFound("no sandbox"); }
}

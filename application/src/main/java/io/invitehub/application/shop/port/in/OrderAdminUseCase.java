package io.invitehub.application.shop.port.in;

import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shop.view.OrderStats;
import io.invitehub.application.shop.view.PaymentAlert;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.OrderStatus;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.UserId;

import java.util.Optional;

/** Staff views of orders and payments, and the retry of a failed fulfilment. */
public interface OrderAdminUseCase {
    Page<Order> orders(Actor staff, Optional<OrderStatus> status, PageRequest page);

    /** One distributor's orders, newest first (keyset), for the staff console's distributor detail (issue 14). */
    Page<Order> ordersOf(Actor staff, UserId buyer, Optional<OrderStatus> status, PageRequest page);

    Order order(Actor staff, OrderNo orderNo);

    OrderStats stats(Actor staff);

    /** Payment alerts in {@code state} (open: not marked handled yet), newest first (keyset on the id). */
    Page<PaymentAlert> alerts(Actor staff, PaymentAlert.State state, PageRequest page);

    /**
     * Marks an open payment alert handled with {@code note} (how the money went back), audited, in one conditional
     * update: of two staff doing it at once, exactly one wins.
     *
     * @throws io.invitehub.domain.shared.DomainException VALIDATION_FAILED (note blank or longer than
     *         {@link #MAX_ALERT_NOTE}), NOT_FOUND, PAYMENT_ALERT_ALREADY_HANDLED (nothing changed), FORBIDDEN (not staff)
     */
    PaymentAlert handleAlert(Actor staff, long alertId, String note);

    int MAX_ALERT_NOTE = 500;

    /** FAILED → PENDING, attempts from zero; the worker resumes from the codes already delivered. */
    Order retryFulfilment(Actor staff, OrderNo orderNo);
}

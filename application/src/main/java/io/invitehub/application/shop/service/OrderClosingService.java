package io.invitehub.application.shop.service;

import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shared.port.out.WebhookEvents;
import io.invitehub.application.shared.service.CallerRules;
import io.invitehub.application.shop.port.in.CancelOrderUseCase;
import io.invitehub.application.shop.port.in.RefundOrderUseCase;
import io.invitehub.application.shop.port.out.OrderCodes;
import io.invitehub.application.shop.port.out.Orders;
import io.invitehub.application.shop.port.out.PaymentAlerts;
import io.invitehub.application.shop.port.out.PaymentGateway;
import io.invitehub.application.shop.port.out.PaymentGatewayException;
import io.invitehub.application.shop.port.out.PaymentNotification;
import io.invitehub.application.shop.port.out.RefundLedger;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.OrderStatus;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Closing an order other than by payment or expiry (SPEC 7): the buyer cancels a PENDING one, staff record
 * the refund of a PAID one. Each is one transaction on the locked order row; a notification that arrives
 * for a CANCELLED or REFUNDED order is refused and alerted by {@link PaymentRecording} (never fulfilled).
 */
public final class OrderClosingService implements CancelOrderUseCase, RefundOrderUseCase {
    private static final Logger LOG = Logger.getLogger(OrderClosingService.class.getName());
    static final int MAX_REASON = 500;

    private final TransactionRunner transactions;
    private final Orders orders;
    private final OrderCodes codes;
    private final RefundLedger ledger;
    private final PaymentGateway gateway;
    private final PaymentRecording recording;
    private final CallerRules callers;
    private final AuditLog audit;
    private final Clock clock;

    /** Without webhook events (tests of cancellation and refunds alone). */
    public OrderClosingService(TransactionRunner transactions, Orders orders, OrderCodes codes, RefundLedger ledger,
                               PaymentGateway gateway, PaymentAlerts alerts, Users users, AuditLog audit, WakeUps wakeUps, Clock clock) {
        this(transactions, orders, codes, ledger, gateway, alerts, users, audit, wakeUps, clock, WebhookEvents.NONE);
    }

    /** {@code events}: the webhook outbox; a payment found while cancelling publishes {@code order.paid} as a notification's does. */
    public OrderClosingService(TransactionRunner transactions, Orders orders, OrderCodes codes, RefundLedger ledger,
                               PaymentGateway gateway, PaymentAlerts alerts, Users users, AuditLog audit, WakeUps wakeUps, Clock clock,
                               WebhookEvents events) {
        this.transactions = transactions;
        this.orders = orders;
        this.codes = codes;
        this.ledger = ledger;
        this.gateway = gateway;
        this.recording = new PaymentRecording(transactions, orders, alerts, audit, wakeUps, events);
        this.callers = new CallerRules(users);
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Order cancel(UserId caller, OrderNo orderNo) {
        User buyer = callers.caller(caller);
        Order order = orders.findByNo(orderNo).orElseThrow(() -> DomainException.notFound("order " + orderNo + " does not exist"));
        order.checkCancellableBy(buyer.id());
        // the buyer may have paid a moment ago and the notification not arrived yet: ask first (outside any transaction)
        Optional<PaymentNotification> paid = askGateway(order);
        if (paid.isPresent() && recording.record(paid.get(), "order query before cancellation", clock.instant())
                .success()) {
            throw new DomainException(ErrorCode.ORDER_ALREADY_PAID, "The gateway reports order " + orderNo
                    + " paid: it was not cancelled, its codes are on their way.");
        }
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            Order locked = orders.lockByNo(orderNo).orElseThrow();
            locked.checkCancellableBy(buyer.id());
            if (!orders.cancel(locked.id(), now)) {
                throw new IllegalStateException("order " + orderNo + " was locked PENDING but could not be cancelled");
            }
            audit.record(AuditEntry.of(Actor.of(buyer), "ORDER_CANCEL", "ORDER", orderNo.value(),
                    "amount=" + locked.finalAmount() + ", cancelled by the buyer", now));
            return orders.findByNo(orderNo).orElseThrow();
        });
    }

    @Override
    public Refunded refund(Actor staff, OrderNo orderNo, Optional<String> reason) {
        staff.requireStaff();
        String why = reason.map(String::strip).filter(r -> !r.isEmpty()).orElse("refunded by staff");
        if (why.length() > MAX_REASON) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "reason must have at most " + MAX_REASON + " characters");
        }
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            Order order = orders.lockByNo(orderNo).orElseThrow(() -> DomainException.notFound("order " + orderNo + " does not exist"));
            order.checkRefundable();
            if (!orders.refund(order.id(), now)) {
                throw new IllegalStateException("order " + orderNo + " was locked PAID but could not be refunded");
            }
            OrderCodes.Disabled disabled = codes.disableUnused(order.id());
            ledger.recordRefund(new RefundLedger.Refund(orderNo, order.buyer(), order.finalAmount(), now, staff, why));
            audit.record(AuditEntry.of(staff, "ORDER_REFUND", "ORDER", orderNo.value(), "amount=" + order.finalAmount()
                    + ", codes disabled=" + disabled.disabled() + ", codes kept (used)=" + disabled.kept() + "; " + why, now));
            return new Refunded(orders.findByNo(orderNo).orElseThrow(), disabled.disabled(), disabled.kept());
        });
    }

    private Optional<PaymentNotification> askGateway(Order order) {
        if (!gateway.available() || order.status() != OrderStatus.PENDING) {
            return Optional.empty();
        }
        try {
            return gateway.query(order.orderNo()).filter(PaymentNotification::isSuccess);
        } catch (PaymentGatewayException unreachable) {
            // a late notification for the cancelled order is refused and alerted: admins refund it
            LOG.warning(() -> "could not ask the gateway about " + order.orderNo() + " before cancelling it: " + unreachable.getMessage());
            return Optional.empty();
        }
    }
}

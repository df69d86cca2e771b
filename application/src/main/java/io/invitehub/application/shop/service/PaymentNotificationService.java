package io.invitehub.application.shop.service;

import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shared.port.out.WebhookEvent;
import io.invitehub.application.shared.port.out.WebhookEvents;
import io.invitehub.domain.webhook.EventType;
import io.invitehub.application.shop.port.in.PaymentNotificationUseCase;
import io.invitehub.application.shop.port.out.Orders;
import io.invitehub.application.shop.port.out.PaymentAlerts;
import io.invitehub.application.shop.port.out.PaymentGateway;
import io.invitehub.application.shop.port.out.PaymentNotification;
import io.invitehub.application.shop.port.out.RejectedNotification;
import io.invitehub.application.shop.view.PaymentAlert;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.PaymentVerdict;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.user.Actor;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The payment notification (SPEC section 7): verify (signature, merchant, trade status), lock the order,
 * judge the payment (state, expiry, exact amount, channel), and either mark it PAID with its trade number
 * — the fulfilment becomes due in the same transaction (outbox) — or refuse. Refusals that mean money
 * arrived for something we will not deliver become payment alerts for admins. Codes are never generated
 * here: the fulfilment worker is woken after commit.
 */
public final class PaymentNotificationService implements PaymentNotificationUseCase {
    private static final Logger LOG = Logger.getLogger(PaymentNotificationService.class.getName());

    private final TransactionRunner transactions;
    private final Orders orders;
    private final PaymentAlerts alerts;
    private final PaymentGateway gateway;
    private final AuditLog audit;
    private final WakeUps wakeUps;
    private final Clock clock;
    private final WebhookEvents events;

    /** Without webhook events (tests of the notification alone). */
    public PaymentNotificationService(TransactionRunner transactions, Orders orders, PaymentAlerts alerts,
                                      PaymentGateway gateway, AuditLog audit, WakeUps wakeUps, Clock clock) {
        this(transactions, orders, alerts, gateway, audit, wakeUps, clock, WebhookEvents.NONE);
    }

    /** {@code events}: the webhook outbox, where a payment publishes {@code order.paid} in the transaction that marks the order PAID. */
    public PaymentNotificationService(TransactionRunner transactions, Orders orders, PaymentAlerts alerts,
                                      PaymentGateway gateway, AuditLog audit, WakeUps wakeUps, Clock clock, WebhookEvents events) {
        this.events = events;
        this.transactions = transactions;
        this.orders = orders;
        this.alerts = alerts;
        this.gateway = gateway;
        this.audit = audit;
        this.wakeUps = wakeUps;
        this.clock = clock;
    }

    private enum Outcome { PAID_NOW, PAID_NOW_WITH_WEBHOOKS, SUCCESS, FAIL }

    @Override
    public boolean handle(Map<String, String> parameters) {
        PaymentNotification n;
        try {
            n = gateway.verify(parameters);
        } catch (RejectedNotification rejected) {
            LOG.warning(() -> "payment notification refused: " + rejected.getMessage());
            return false;
        }
        if (!n.isSuccess()) {
            LOG.info(() -> "payment notification for " + n.outTradeNo() + " with trade_status " + n.tradeStatus() + ": not a payment");
            return false;
        }
        Instant now = clock.instant();
        Optional<OrderNo> orderNo = parse(n.outTradeNo());
        if (orderNo.isEmpty()) {
            transactions.inTransaction(() -> alert(PaymentAlert.Kind.UNKNOWN_ORDER, n, "signed notification for an order number of the wrong shape", now));
            return false;
        }
        Outcome outcome = transactions.inTransaction(() -> judge(orderNo.get(), n, now));
        if (outcome == Outcome.PAID_NOW || outcome == Outcome.PAID_NOW_WITH_WEBHOOKS) {
            wakeUps.signal(WakeUps.Work.ORDER_FULFILMENT);
        }
        if (outcome == Outcome.PAID_NOW_WITH_WEBHOOKS) {
            wakeUps.signal(WakeUps.Work.WEBHOOKS);
        }
        return outcome != Outcome.FAIL;
    }

    private Outcome judge(OrderNo orderNo, PaymentNotification n, Instant now) {
        Optional<Order> locked = orders.lockByNo(orderNo);
        if (locked.isEmpty()) {
            alert(PaymentAlert.Kind.UNKNOWN_ORDER, n, "signed notification for an order that does not exist", now);
            return Outcome.FAIL;
        }
        Order order = locked.get();
        PaymentVerdict verdict = order.judgePayment(n.tradeNo(), n.paid(), n.payType(), now);
        if (verdict == PaymentVerdict.ACCEPT) {
            Optional<Order> sameTrade = orders.findByTradeNo(n.tradeNo());
            if (sameTrade.isPresent()) {
                alert(PaymentAlert.Kind.TRADE_REUSED, n, "trade " + n.tradeNo() + " already paid order " + sameTrade.get().orderNo(), now);
                return Outcome.FAIL;
            }
            if (!orders.markPaid(order.id(), n.tradeNo(), now)) {
                throw new IllegalStateException("order " + orderNo + " was locked PENDING but could not be marked PAID");
            }
            int deliveries = events.publish(WebhookEvent.of(EventType.ORDER_PAID, order.buyer(), now,
                    "order_no", orderNo.value(), "trade_no", n.tradeNo(), "amount", n.paid().toMajor().toPlainString(),
                    "currency", n.paid().currency().getCurrencyCode(), "pay_type", String.valueOf(n.payType()),
                    "codes", order.codesTotal(), "paid_at", now));
            audit.record(AuditEntry.of(Actor.system(), "ORDER_PAID", "ORDER", orderNo.value(),
                    "trade_no=" + n.tradeNo() + ", amount=" + n.paid() + ", pay_type=" + n.payType(), now));
            return deliveries > 0 ? Outcome.PAID_NOW_WITH_WEBHOOKS : Outcome.PAID_NOW;
        }
        if (verdict.alert()) {
            String detail;
            switch (verdict) {
                case ORDER_CLOSED:
                    detail = "payment for an order that is " + order.status()
                            + (order.status().isClosed() ? "" : " but past its expire_at " + order.expireAt()) + ": refund it";
                    break;
                case AMOUNT_MISMATCH:
                    detail = "paid " + n.paid() + " but the order costs " + order.finalAmount();
                    break;
                case PAY_TYPE_MISMATCH:
                    detail = "paid by " + n.payType() + " but the order is for " + order.payType().map(Object::toString).orElse("-");
                    break;
                case REPEAT_DIFFERS:
                    detail = "trade " + n.tradeNo() + " already paid this order with " + order.finalAmount() + " by "
                            + order.payType().map(Object::toString).orElse("-") + ", but this notification of it says "
                            + n.paid() + " by " + n.payType() + ": check the gateway";
                    break;
                default:
                    detail = "second payment: the order was already paid by trade " + order.tradeNo().orElse("-") + ": refund it";
            }
            PaymentAlert.Kind kind = verdict == PaymentVerdict.REPEAT_DIFFERS
                    ? (n.paid().equals(order.finalAmount()) ? PaymentAlert.Kind.PAY_TYPE_MISMATCH : PaymentAlert.Kind.AMOUNT_MISMATCH)
                    : kind(verdict);
            alert(kind, n, detail, now);
        }
        return verdict.success() ? Outcome.SUCCESS : Outcome.FAIL;
    }

    private static PaymentAlert.Kind kind(PaymentVerdict verdict) {
        switch (verdict) {
            case ORDER_CLOSED: return PaymentAlert.Kind.ORDER_CLOSED;
            case AMOUNT_MISMATCH: return PaymentAlert.Kind.AMOUNT_MISMATCH;
            case PAY_TYPE_MISMATCH: return PaymentAlert.Kind.PAY_TYPE_MISMATCH;
            default: return PaymentAlert.Kind.PAID_TWICE;
        }
    }

    private Void alert(PaymentAlert.Kind kind, PaymentNotification n, String detail, Instant now) {
        LOG.warning(() -> "payment alert " + kind + " for " + n.outTradeNo() + ": " + detail);
        alerts.record(new PaymentAlert(0, kind, Optional.of(n.outTradeNo()), Optional.of(n.tradeNo()),
                detail + " (paid " + n.paid() + " by " + n.payType() + ")", now));
        return null;
    }

    private static Optional<OrderNo> parse(String raw) {
        try {
            return Optional.of(new OrderNo(raw));
        } catch (DomainException malformed) {
            return Optional.empty();
        }
    }
}

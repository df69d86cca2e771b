package io.invitehub.application.shop.service;

import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shared.port.out.WebhookEvent;
import io.invitehub.application.shared.port.out.WebhookEvents;
import io.invitehub.application.shop.port.out.OrderToPay;
import io.invitehub.application.shop.port.out.Orders;
import io.invitehub.application.shop.port.out.PaymentAlerts;
import io.invitehub.application.shop.port.out.PaymentNotification;
import io.invitehub.application.shop.view.PaymentAlert;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.PaymentVerdict;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.webhook.EventType;

import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Records a verified payment, however it was learnt (the gateway's notification, or its answer to an order
 * query): lock the order, judge the payment (state, expiry, exact amount, channel), and either mark it PAID
 * with its trade number — the fulfilment becomes due and {@code order.paid} is published to the webhook outbox
 * in the same transaction — or refuse; refusals that mean money arrived for something we will not deliver, and
 * a repeat of the paying trade that differs from it, become payment alerts. The fulfilment worker (and the
 * webhook worker when the event has deliveries) is woken after commit.
 */
final class PaymentRecording {
    private static final Logger LOG = Logger.getLogger(PaymentRecording.class.getName());

    enum Outcome {
        PAID_NOW, PAID_NOW_WITH_WEBHOOKS, SUCCESS, FAIL;

        boolean paidNow() {
            return this == PAID_NOW || this == PAID_NOW_WITH_WEBHOOKS;
        }
    }

    /**
     * What became of a payment, and its {@code verdict} for the service's metrics (ADR 39): a {@code PaymentVerdict}
     * name, or {@code UNKNOWN_ORDER} or {@code TRADE_REUSED}.
     */
    record Recorded(Outcome outcome, String verdict) {
        static Recorded fail(String verdict) {
            return new Recorded(Outcome.FAIL, verdict);
        }

        boolean paidNow() {
            return outcome.paidNow();
        }

        /** The gateway is answered {@code success}: paid now, or a payment already recorded. */
        boolean success() {
            return outcome != Outcome.FAIL;
        }
    }

    private final TransactionRunner transactions;
    private final Orders orders;
    private final PaymentAlerts alerts;
    private final AuditLog audit;
    private final WakeUps wakeUps;
    private final WebhookEvents events;

    /** {@code events}: the webhook outbox, where a payment publishes {@code order.paid} in the transaction that marks the order PAID. */
    PaymentRecording(TransactionRunner transactions, Orders orders, PaymentAlerts alerts, AuditLog audit, WakeUps wakeUps,
                     WebhookEvents events) {
        this.events = events;
        this.transactions = transactions;
        this.orders = orders;
        this.alerts = alerts;
        this.audit = audit;
        this.wakeUps = wakeUps;
    }

    /** Records {@code n} (a successful trade) as learnt through {@code source} (for the audit entry). */
    Recorded record(PaymentNotification n, String source, Instant now) {
        Optional<OrderNo> orderNo = parse(n.outTradeNo());
        if (orderNo.isEmpty()) {
            transactions.inTransaction(() -> alert(PaymentAlert.Kind.UNKNOWN_ORDER, n, "signed payment for an order number of the wrong shape", now));
            return Recorded.fail("UNKNOWN_ORDER");
        }
        Recorded outcome = transactions.inTransaction(() -> judge(orderNo.get(), n, source, now));
        if (outcome.paidNow()) {
            wakeUps.signal(WakeUps.Work.ORDER_FULFILMENT);
        }
        if (outcome.outcome() == Outcome.PAID_NOW_WITH_WEBHOOKS) {
            wakeUps.signal(WakeUps.Work.WEBHOOKS);
        }
        return outcome;
    }

    private Recorded judge(OrderNo orderNo, PaymentNotification n, String source, Instant now) {
        // the lock and the trade's other order in one statement (ADR 73)
        Optional<OrderToPay> locked = orders.lockForPayment(orderNo, n.tradeNo());
        if (locked.isEmpty()) {
            alert(PaymentAlert.Kind.UNKNOWN_ORDER, n, "signed payment for an order that does not exist", now);
            return Recorded.fail("UNKNOWN_ORDER");
        }
        Order order = locked.get().order();
        PaymentVerdict verdict = order.judgePayment(n.tradeNo(), n.paid(), n.payType(), now);
        if (verdict == PaymentVerdict.ACCEPT) {
            Optional<OrderNo> sameTrade = locked.get().tradePaidOther();
            if (sameTrade.isPresent()) {
                alert(PaymentAlert.Kind.TRADE_REUSED, n, "trade " + n.tradeNo() + " already paid order " + sameTrade.get(), now);
                return Recorded.fail("TRADE_REUSED");
            }
            if (!orders.markPaid(order.id(), n.tradeNo(), now)) {
                throw new IllegalStateException("order " + orderNo + " was locked PENDING but could not be marked PAID");
            }
            int deliveries = events.publish(WebhookEvent.of(EventType.ORDER_PAID, order.buyer(), now,
                    "order_no", orderNo.value(), "trade_no", n.tradeNo(), "amount", n.paid().toMajor().toPlainString(),
                    "currency", n.paid().currency().getCurrencyCode(), "pay_type", String.valueOf(n.payType()),
                    "codes", order.codesTotal(), "paid_at", now));
            audit.record(AuditEntry.of(Actor.system(), "ORDER_PAID", "ORDER", orderNo.value(),
                    "trade_no=" + n.tradeNo() + ", amount=" + n.paid() + ", pay_type=" + n.payType() + ", learnt from " + source, now));
            return new Recorded(deliveries > 0 ? Outcome.PAID_NOW_WITH_WEBHOOKS : Outcome.PAID_NOW, verdict.name());
        }
        if (verdict.alert()) {
            alert(kind(verdict, order, n), n, detail(verdict, order, n), now);
        }
        return new Recorded(verdict.success() ? Outcome.SUCCESS : Outcome.FAIL, verdict.name());
    }

    private static String detail(PaymentVerdict verdict, Order order, PaymentNotification n) {
        switch (verdict) {
            case ORDER_CLOSED:
                return "payment for an order that is " + order.status()
                        + (order.status().isClosed() ? "" : " but past its expire_at " + order.expireAt()) + ": refund it";
            case AMOUNT_MISMATCH:
                return "paid " + n.paid() + " but the order costs " + order.finalAmount();
            case PAY_TYPE_MISMATCH:
                return "paid by " + n.payType() + " but the order is for " + order.payType().map(Object::toString).orElse("-");
            case REPEAT_DIFFERS:
                return "trade " + n.tradeNo() + " already paid this order with " + order.finalAmount() + " by "
                        + order.payType().map(Object::toString).orElse("-") + ", but this notification of it says "
                        + n.paid() + " by " + n.payType() + ": check the gateway";
            default:
                return "second payment: the order was already paid by trade " + order.tradeNo().orElse("-") + ": refund it";
        }
    }

    /** A repeat of the paying trade that differs is alerted as the mismatch it shows (amount first). */
    private static PaymentAlert.Kind kind(PaymentVerdict verdict, Order order, PaymentNotification n) {
        switch (verdict) {
            case REPEAT_DIFFERS:
                return n.paid().equals(order.finalAmount()) ? PaymentAlert.Kind.PAY_TYPE_MISMATCH : PaymentAlert.Kind.AMOUNT_MISMATCH;
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

    static Optional<OrderNo> parse(String raw) {
        try {
            return Optional.of(new OrderNo(raw));
        } catch (DomainException malformed) {
            return Optional.empty();
        }
    }
}

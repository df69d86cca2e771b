package io.invitehub.application.shop.service;

import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shared.port.out.WebhookEvents;
import io.invitehub.application.shop.port.in.PaymentNotificationUseCase;
import io.invitehub.application.shop.port.out.Orders;
import io.invitehub.application.shop.port.out.PaymentAlerts;
import io.invitehub.application.shop.port.out.PaymentGateway;
import io.invitehub.application.shop.port.out.PaymentNotification;
import io.invitehub.application.shop.port.out.RejectedNotification;

import java.time.Clock;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The payment notification (SPEC section 7): verify (signature, merchant, trade status), lock the order,
 * judge the payment (state, expiry, exact amount, channel), and either mark it PAID with its trade number
 * — the fulfilment becomes due and {@code order.paid} is published in the same transaction (outboxes) — or refuse. Refusals that mean money
 * arrived for something we will not deliver become payment alerts for admins. Codes are never generated
 * here: the fulfilment worker is woken after commit.
 */
public final class PaymentNotificationService implements PaymentNotificationUseCase {
    private static final Logger LOG = Logger.getLogger(PaymentNotificationService.class.getName());

    private final PaymentGateway gateway;
    private final PaymentRecording recording;
    private final Clock clock;

    /** Without webhook events (tests of the notification alone). */
    public PaymentNotificationService(TransactionRunner transactions, Orders orders, PaymentAlerts alerts,
                                      PaymentGateway gateway, AuditLog audit, WakeUps wakeUps, Clock clock) {
        this(transactions, orders, alerts, gateway, audit, wakeUps, clock, WebhookEvents.NONE);
    }

    /** {@code events}: the webhook outbox, where a payment publishes {@code order.paid} in the transaction that marks the order PAID. */
    public PaymentNotificationService(TransactionRunner transactions, Orders orders, PaymentAlerts alerts,
                                      PaymentGateway gateway, AuditLog audit, WakeUps wakeUps, Clock clock, WebhookEvents events) {
        this.gateway = gateway;
        this.recording = new PaymentRecording(transactions, orders, alerts, audit, wakeUps, events);
        this.clock = clock;
    }

    @Override
    public boolean handle(Map<String, String> parameters) {
        return judge(parameters).success();
    }

    @Override
    public Judgement judge(Map<String, String> parameters) {
        PaymentNotification n;
        try {
            n = gateway.verify(parameters);
        } catch (RejectedNotification rejected) {
            LOG.warning(() -> "payment notification refused: " + rejected.getMessage());
            return new Judgement(false, "REFUSED");
        }
        if (!n.isSuccess()) {
            LOG.fine(() -> "payment notification for " + n.outTradeNo() + " with trade_status " + n.tradeStatus() + ": not a payment");
            return new Judgement(false, "NOT_A_PAYMENT");
        }
        PaymentRecording.Recorded recorded = recording.record(n, "notify", clock.instant());
        return new Judgement(recorded.success(), recorded.verdict());
    }
}

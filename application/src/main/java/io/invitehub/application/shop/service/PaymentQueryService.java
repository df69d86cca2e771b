package io.invitehub.application.shop.service;

import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shared.port.out.WebhookEvents;
import io.invitehub.application.shop.port.in.PaymentQueryUseCase;
import io.invitehub.application.shop.port.out.Orders;
import io.invitehub.application.shop.port.out.PaymentAlerts;
import io.invitehub.application.shop.port.out.PaymentGateway;
import io.invitehub.application.shop.port.out.PaymentGatewayException;
import io.invitehub.application.shop.port.out.PaymentNotification;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderNo;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * SPEC 7's order-query fallback. The return page schedules a query of its PENDING order; the job claims due
 * queries in batches ({@code SKIP LOCKED}, so several nodes share them; each claim pushes the next query out
 * with backoff), asks the gateway outside any transaction, and records a reported payment exactly as a
 * notification would be ({@link PaymentRecording}: the same judgement, idempotent against a notification
 * arriving at the same time, because both lock the order and a second PAID is a no-op). Orders leave the
 * query set when they stop being PENDING (paid, expired, cancelled).
 */
public final class PaymentQueryService implements PaymentQueryUseCase {
    private static final Logger LOG = Logger.getLogger(PaymentQueryService.class.getName());

    private final TransactionRunner transactions;
    private final Orders orders;
    private final PaymentGateway gateway;
    private final PaymentRecording recording;
    private final Clock clock;
    private final PaymentQuerySettings settings;

    /** Without webhook events (tests of the query alone). */
    public PaymentQueryService(TransactionRunner transactions, Orders orders, PaymentAlerts alerts, PaymentGateway gateway,
                               AuditLog audit, WakeUps wakeUps, Clock clock, PaymentQuerySettings settings) {
        this(transactions, orders, alerts, gateway, audit, wakeUps, clock, settings, WebhookEvents.NONE);
    }

    /** {@code events}: the webhook outbox; a payment the query learns of publishes {@code order.paid} as a notification's does. */
    public PaymentQueryService(TransactionRunner transactions, Orders orders, PaymentAlerts alerts, PaymentGateway gateway,
                               AuditLog audit, WakeUps wakeUps, Clock clock, PaymentQuerySettings settings, WebhookEvents events) {
        this.transactions = transactions;
        this.orders = orders;
        this.gateway = gateway;
        this.recording = new PaymentRecording(transactions, orders, alerts, audit, wakeUps, events);
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public void buyerReturned(Map<String, String> parameters) {
        Optional<OrderNo> orderNo = Optional.ofNullable(parameters.get("out_trade_no")).flatMap(PaymentRecording::parse);
        if (orderNo.isEmpty() || !gateway.available()) {
            return;
        }
        Instant now = clock.instant();
        // unauthenticated, so it only schedules a question to the gateway, never trusts the parameters
        transactions.inTransaction(() -> orders.returnedFromGateway(orderNo.get(), now, now.plus(settings.afterReturn())));
    }

    @Override
    public int queryDue() {
        if (!gateway.available()) {
            return 0;
        }
        int paid = 0;
        List<Order> due;
        do {
            Instant now = clock.instant();
            due = transactions.inTransaction(() -> orders.claimDueQueries(now, settings.backoff(), settings.maxBackoff(), settings.batch()));
            for (Order order : due) {
                if (ask(order)) {
                    paid++;
                }
            }
        } while (due.size() == settings.batch());
        return paid;
    }

    private boolean ask(Order order) {
        Optional<PaymentNotification> reported;
        try {
            reported = gateway.query(order.orderNo());
        } catch (PaymentGatewayException | io.invitehub.application.shop.port.out.RejectedNotification e) {
            LOG.warning(() -> "order query for " + order.orderNo() + " failed (asked again later): " + e.getMessage());
            return false;
        }
        if (reported.isEmpty() || !reported.get().isSuccess()) {
            return false;
        }
        LOG.info(() -> "the gateway reports order " + order.orderNo() + " paid without a notification; recording it");
        return recording.record(reported.get(), "order query", clock.instant()).paidNow();
    }
}

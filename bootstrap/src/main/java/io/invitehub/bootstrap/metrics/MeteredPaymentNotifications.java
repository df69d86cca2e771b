package io.invitehub.bootstrap.metrics;

import io.invitehub.application.shop.port.in.PaymentNotificationUseCase;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;

/**
 * {@code invitehub_payment_notifies_total{verdict}}: every payment notification of the gateway by what it
 * was judged ({@code ACCEPT}, {@code ALREADY_PAID}, {@code PAID_TWICE}, {@code ORDER_CLOSED},
 * {@code AMOUNT_MISMATCH}, {@code PAY_TYPE_MISMATCH}, {@code REFUSED}, {@code NOT_A_PAYMENT},
 * {@code UNKNOWN_ORDER}, {@code TRADE_REUSED}), or {@code error}.
 */
final class MeteredPaymentNotifications implements PaymentNotificationUseCase {
    private final PaymentNotificationUseCase notifications;
    private final MeterRegistry registry;

    MeteredPaymentNotifications(PaymentNotificationUseCase notifications, MeterRegistry registry) {
        this.notifications = notifications;
        this.registry = registry;
    }

    @Override
    public boolean handle(Map<String, String> parameters) {
        return judge(parameters).success();
    }

    @Override
    public Judgement judge(Map<String, String> parameters) {
        String verdict = "error";
        try {
            Judgement judgement = notifications.judge(parameters);
            verdict = judgement.verdict();
            return judgement;
        } finally {
            registry.counter("invitehub.payment.notifies", "verdict", verdict).increment();
        }
    }
}

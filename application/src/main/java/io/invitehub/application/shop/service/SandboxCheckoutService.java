package io.invitehub.application.shop.service;

import io.invitehub.application.shop.port.in.PaymentNotificationUseCase;
import io.invitehub.application.shop.port.in.SandboxCheckoutUseCase;
import io.invitehub.application.shop.port.out.Orders;
import io.invitehub.application.shop.port.out.RejectedNotification;
import io.invitehub.application.shop.port.out.SandboxPayments;
import io.invitehub.application.shop.view.SandboxPayment;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.util.Map;
import java.util.Optional;

/** The sandbox pay page: only when the sandbox gateway runs (embedded default). */
public final class SandboxCheckoutService implements SandboxCheckoutUseCase {
    private final Optional<SandboxPayments> sandbox;
    private final Orders orders;
    private final PaymentNotificationUseCase notifications;

    public SandboxCheckoutService(Optional<SandboxPayments> sandbox, Orders orders, PaymentNotificationUseCase notifications) {
        this.sandbox = sandbox;
        this.orders = orders;
        this.notifications = notifications;
    }

    @Override
    public String pay(Map<String, String> notification, boolean deliver) {
        SandboxPayments payments = sandbox.orElseThrow(() -> DomainException.notFound("no sandbox gateway runs on this server"));
        try {
            payments.recordPaid(notification);
        } catch (RejectedNotification rejected) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "payment refused: " + rejected.getMessage());
        }
        if (!deliver) {
            return "not sent";
        }
        return notifications.handle(notification) ? "success" : "fail";
    }

    @Override
    public SandboxPage open(Map<String, String> payRequest) {
        SandboxPayments payments = sandbox.orElseThrow(() -> DomainException.notFound("no sandbox gateway runs on this server"));
        SandboxPayment payment;
        try {
            payment = payments.open(payRequest);
        } catch (RejectedNotification rejected) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "pay request refused: " + rejected.getMessage());
        }
        Optional<Order> order;
        try {
            order = orders.findByNo(new OrderNo(payment.outTradeNo()));
        } catch (DomainException malformed) {
            order = Optional.empty();
        }
        return new SandboxPage(payment, order.map(Order::status));
    }
}

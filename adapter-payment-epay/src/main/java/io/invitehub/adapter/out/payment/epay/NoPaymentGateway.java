package io.invitehub.adapter.out.payment.epay;

import io.invitehub.application.shop.port.out.Checkout;
import io.invitehub.application.shop.port.out.PaymentGateway;
import io.invitehub.application.shop.port.out.PaymentNotification;
import io.invitehub.application.shop.port.out.RejectedNotification;

import io.invitehub.domain.order.OrderNo;

import java.util.Map;
import java.util.Optional;

/** No gateway configured: nothing can be paid and every notification is refused. */
public final class NoPaymentGateway implements PaymentGateway {
    @Override
    public boolean available() {
        return false;
    }

    @Override
    public String payUrl(Checkout checkout) {
        throw new IllegalStateException("no payment gateway is configured");
    }

    @Override
    public Optional<PaymentNotification> query(OrderNo orderNo) {
        return Optional.empty();
    }

    @Override
    public PaymentNotification verify(Map<String, String> parameters) {
        throw new RejectedNotification("no payment gateway is configured");
    }
}

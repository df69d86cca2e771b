package io.invitehub.adapter.out.payment.epay;

import io.invitehub.application.shop.port.out.Checkout;
import io.invitehub.application.shop.port.out.PaymentGateway;
import io.invitehub.application.shop.port.out.PaymentNotification;
import io.invitehub.application.shop.port.out.RejectedNotification;

import java.util.Map;

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
    public PaymentNotification verify(Map<String, String> parameters) {
        throw new RejectedNotification("no payment gateway is configured");
    }
}

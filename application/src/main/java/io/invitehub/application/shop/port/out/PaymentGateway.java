package io.invitehub.application.shop.port.out;

import io.invitehub.domain.order.OrderNo;

import java.util.Map;
import java.util.Optional;

/** The payment gateway (SPEC section 7): where a buyer pays, and verification of its signed notifications. */
public interface PaymentGateway {

    /** True when orders can be paid (a gateway is configured). */
    boolean available();

    /** The URL the buyer opens to pay, signed for the gateway. */
    String payUrl(Checkout checkout);

    /**
     * Verifies a notification's parameters (signature in constant time, merchant, shape) and returns what
     * it says. It does not judge the order: that is the caller's.
     *
     * @throws RejectedNotification when it does not verify
     */
    PaymentNotification verify(Map<String, String> parameters);

    /**
     * Asks the gateway about an order it was sent to pay (SPEC 7's order-query fallback, for a notification
     * that never came): the payment as the gateway reports it, verified like a notification (merchant,
     * amount, channel, trade number), or empty when the gateway knows no payment for it.
     *
     * @throws PaymentGatewayException when the gateway cannot be asked or answers nonsense
     */
    Optional<PaymentNotification> query(OrderNo orderNo);
}

package io.invitehub.application.shop.port.out;

import java.util.Map;

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
}

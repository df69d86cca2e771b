package io.invitehub.application.port.out;

import java.util.Map;

/**
 * The sandbox gateway's side of a payment (embedded default only): it checks a pay request that the
 * sandbox {@link PaymentGateway} signed, and signs the notification a real gateway would send once paid.
 */
public interface SandboxPayments {

    /** A verified pay request and the signed notification that pays it. */
    record SandboxPayment(String outTradeNo, String name, String money, String payType, String notifyUrl,
                          String returnUrl, Map<String, String> paidNotification) {
        public SandboxPayment {
            paidNotification = Map.copyOf(paidNotification);
        }
    }

    /** @throws RejectedNotification when the pay request's signature or merchant does not verify */
    SandboxPayment open(Map<String, String> payRequest);
}

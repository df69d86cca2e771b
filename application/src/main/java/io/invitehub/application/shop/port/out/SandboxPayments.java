package io.invitehub.application.shop.port.out;

import io.invitehub.application.shop.view.SandboxPayment;

import java.util.Map;

/**
 * The sandbox gateway's side of a payment (embedded default only): it checks a pay request that the
 * sandbox {@link PaymentGateway} signed, and signs the notification a real gateway would send once paid.
 */
public interface SandboxPayments {

    /** @throws RejectedNotification when the pay request's signature or merchant does not verify */
    SandboxPayment open(Map<String, String> payRequest);
}

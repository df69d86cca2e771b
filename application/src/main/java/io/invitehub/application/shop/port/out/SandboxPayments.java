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

    /**
     * The buyer pays at the sandbox: the signed notification {@link #open} offered is recorded as paid at the
     * sandbox, so the sandbox gateway's order query reports it from now on (until the process ends).
     *
     * @throws RejectedNotification when the notification was not signed by this sandbox
     */
    void recordPaid(Map<String, String> notification);
}

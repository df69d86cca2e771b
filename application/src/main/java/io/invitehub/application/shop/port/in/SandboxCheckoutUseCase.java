package io.invitehub.application.shop.port.in;

import io.invitehub.application.shop.view.SandboxPayment;
import io.invitehub.domain.order.OrderStatus;

import java.util.Map;
import java.util.Optional;

/** The sandbox gateway's pay page: a verified pay request, the order's state, and the signed notification that pays it. */
public interface SandboxCheckoutUseCase {
    record SandboxPage(SandboxPayment payment, Optional<OrderStatus> orderStatus) {
    }

    /** @throws io.invitehub.domain.shared.DomainException VALIDATION_FAILED when the pay request does not verify, or no sandbox runs */
    SandboxPage open(Map<String, String> payRequest);

    /**
     * The buyer pays on the sandbox page: the payment is recorded at the sandbox (its order query reports it),
     * and when {@code deliver} the sandbox sends its notification as a gateway would (server to server), else
     * the notification is "lost" and only the order-query fallback can learn of the payment. Returns what
     * InviteHub answered the notification ({@code success}/{@code fail}), or {@code not sent}.
     */
    String pay(Map<String, String> notification, boolean deliver);
}

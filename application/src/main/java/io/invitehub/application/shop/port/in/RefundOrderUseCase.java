package io.invitehub.application.shop.port.in;

import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.user.Actor;

import java.util.Optional;

/** Staff record the refund of a paid order (the money goes back at the gateway's merchant console). */
public interface RefundOrderUseCase {
    /** The refunded order and what happened to its codes. */
    record Refunded(Order order, int codesDisabled, int codesKept) {
    }

    /**
     * PAID → REFUNDED in one transaction: the order's unused codes disabled, its fulfilment stopped, a refund
     * entry for the buyer's ledger, an audit entry.
     *
     * @throws io.invitehub.domain.shared.DomainException NOT_FOUND, ORDER_NOT_REFUNDABLE (not PAID), FORBIDDEN (not staff)
     */
    Refunded refund(Actor staff, OrderNo orderNo, Optional<String> reason);
}

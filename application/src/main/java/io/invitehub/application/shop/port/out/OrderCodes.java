package io.invitehub.application.shop.port.out;

import io.invitehub.domain.order.OrderId;

/** The codes an order delivered, as a refund sees them. */
public interface OrderCodes {
    /** What a refund did to an order's codes: how many it disabled (never used) and how many it kept (used or bound). */
    record Disabled(int disabled, int kept) {
    }

    /**
     * Disables every code of the order that was never used ({@code used_count = 0}, no e-mail bound); codes
     * a customer already redeemed stay as they are. Statistics follow by trigger. In the caller's transaction.
     */
    Disabled disableUnused(OrderId order);
}

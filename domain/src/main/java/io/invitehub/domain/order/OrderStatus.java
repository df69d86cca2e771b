package io.invitehub.domain.order;

import java.util.EnumSet;
import java.util.Set;

/** An order's payment lifecycle: PENDING → PAID | EXPIRED | CANCELLED, PAID → REFUNDED. */
public enum OrderStatus {
    PENDING, PAID, EXPIRED, CANCELLED, REFUNDED;

    public Set<OrderStatus> next() {
        switch (this) {
            case PENDING: return EnumSet.of(PAID, EXPIRED, CANCELLED);
            case PAID: return EnumSet.of(REFUNDED);
            default: return EnumSet.noneOf(OrderStatus.class);
        }
    }

    public boolean canMoveTo(OrderStatus to) {
        return next().contains(to);
    }

    /** EXPIRED, CANCELLED, REFUNDED: a payment for such an order must be refused and shown to admins. */
    public boolean isClosed() {
        return this == EXPIRED || this == CANCELLED || this == REFUNDED;
    }
}

package io.invitehub.application.shop.port.out;

import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a refund is booked for settlement (SPEC 9: an append-only ledger per distributor; a refund is a
 * credit to the buyer). Called in the refund's transaction, so the entry commits or rolls back with it.
 */
public interface RefundLedger {
    /** One refunded order: whose, how much, when, by whom and why. */
    record Refund(OrderNo orderNo, Optional<UserId> buyer, Money amount, Instant at, Actor by, String reason) {
        public Refund {
            Objects.requireNonNull(orderNo, "orderNo");
            Objects.requireNonNull(buyer, "buyer");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(reason, "reason");
        }
    }

    void recordRefund(Refund refund);
}

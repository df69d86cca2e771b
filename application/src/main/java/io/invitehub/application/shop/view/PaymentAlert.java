package io.invitehub.application.shop.view;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something about a payment that an admin must look at (a payment for a closed order, a wrong amount,
 * a second payment…): usually money to refund. {@code id} is 0 before it is stored.
 */
public record PaymentAlert(long id, Kind kind, Optional<String> orderNo, Optional<String> tradeNo, String detail, Instant at) {
    public enum Kind { ORDER_CLOSED, AMOUNT_MISMATCH, PAY_TYPE_MISMATCH, PAID_TWICE, TRADE_REUSED, UNKNOWN_ORDER }

    public PaymentAlert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(tradeNo, "tradeNo");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(at, "at");
    }
}

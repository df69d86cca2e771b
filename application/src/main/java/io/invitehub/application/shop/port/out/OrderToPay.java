package io.invitehub.application.shop.port.out;

import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderNo;

import java.util.Objects;
import java.util.Optional;

/**
 * An order locked for a payment ({@link Orders#lockForPayment}), and the other order that the payment's gateway trade
 * already paid, if any: a trade pays one order (ADR 73 reads both in the statement that takes the lock).
 */
public record OrderToPay(Order order, Optional<OrderNo> tradePaidOther) {
    public OrderToPay {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(tradePaidOther, "tradePaidOther");
    }
}

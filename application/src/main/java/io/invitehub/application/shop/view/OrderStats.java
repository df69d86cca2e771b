package io.invitehub.application.shop.view;

import io.invitehub.domain.order.OrderStatus;
import io.invitehub.domain.shared.Money;

import java.util.Map;

/**
 * Orders in numbers, amounts in minor units: count and final amount per status, the paid amount and count
 * since {@code since} (the start of the business day), codes delivered, and orders whose fulfilment FAILED.
 */
public record OrderStats(Map<OrderStatus, Long> countByStatus, Map<OrderStatus, Money> amountByStatus,
                         long paidSinceCount, Money paidSinceAmount, long codesDelivered, long fulfilmentFailed,
                         long fulfilmentOpen) {
    public OrderStats {
        countByStatus = Map.copyOf(countByStatus);
        amountByStatus = Map.copyOf(amountByStatus);
    }
}

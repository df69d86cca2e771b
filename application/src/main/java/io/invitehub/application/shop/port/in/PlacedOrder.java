package io.invitehub.application.shop.port.in;

import io.invitehub.domain.order.Order;

/** A new PENDING order and the URL where the buyer pays it. */
public record PlacedOrder(Order order, String payUrl) {
}

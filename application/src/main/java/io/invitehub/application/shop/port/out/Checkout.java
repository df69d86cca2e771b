package io.invitehub.application.shop.port.out;

import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.PayType;
import io.invitehub.domain.shared.Money;

/** What the buyer is sent to pay: the order, a product name, the amount and the channel. */
public record Checkout(OrderNo orderNo, String name, Money amount, PayType payType) {
}

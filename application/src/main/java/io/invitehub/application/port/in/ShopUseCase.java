package io.invitehub.application.port.in;

import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.user.UserId;

/** A distributor's purchases: place an order, list and read its own orders (another's are NOT_FOUND). */
public interface ShopUseCase {
    PlacedOrder place(PlaceOrderCommand command);

    Page<Order> myOrders(UserId caller, PageRequest page);

    Order myOrder(UserId caller, OrderNo orderNo);
}

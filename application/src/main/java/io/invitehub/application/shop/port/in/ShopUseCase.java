package io.invitehub.application.shop.port.in;

import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.user.UserId;

/** A distributor's purchases: place an order, list and read its own orders (another's are NOT_FOUND). */
public interface ShopUseCase {
    PlacedOrder place(PlaceOrderCommand command);

    Page<Order> myOrders(UserId caller, PageRequest page);

    Order myOrder(UserId caller, OrderNo orderNo);

    /**
     * Where the buyer pays this order: the gateway's pay URL while the order is PENDING and not past its
     * {@code expire_at}; empty once paid, expired or closed (so an order's detail can offer "pay now" again).
     */
    java.util.Optional<String> payUrl(UserId caller, OrderNo orderNo);
}

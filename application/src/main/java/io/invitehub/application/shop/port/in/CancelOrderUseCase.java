package io.invitehub.application.shop.port.in;

import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.user.UserId;

/** The buyer cancels its own order while it is PENDING (SPEC 7). */
public interface CancelOrderUseCase {
    /**
     * PENDING → CANCELLED. The gateway is asked first: an order it reports paid becomes PAID instead and the
     * cancellation is refused (ORDER_ALREADY_PAID). A notification that arrives after the cancellation is
     * refused and alerted, never fulfilled.
     *
     * @throws io.invitehub.domain.shared.DomainException NOT_FOUND (not the caller's), ORDER_NOT_CANCELLABLE, ORDER_ALREADY_PAID
     */
    Order cancel(UserId caller, OrderNo orderNo);
}

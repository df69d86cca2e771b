package io.invitehub.application.shop.port.out;

import io.invitehub.domain.order.OrderNo;

import java.time.Instant;

/** Draws new order numbers: the business-time stamp of {@code now} and 8 hex digits from a strong random source. */
public interface OrderNumbers {
    OrderNo next(Instant now);
}

package io.invitehub.application.shop.port.in;

import io.invitehub.domain.order.PayType;
import io.invitehub.domain.order.PlanId;
import io.invitehub.domain.user.UserId;

import java.util.Objects;

/** A distributor buys {@code quantity} packs of a plan, paying through {@code payType}. */
public record PlaceOrderCommand(UserId buyer, PlanId plan, int quantity, PayType payType) {
    public PlaceOrderCommand {
        Objects.requireNonNull(buyer, "buyer");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(payType, "payType");
    }
}

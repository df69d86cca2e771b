package io.invitehub.application.shop.port.out;

import io.invitehub.domain.order.Order;

import java.util.Objects;

/**
 * A claimed order: the order as claimed (PROCESSING, its attempt counted) and the claim's token. Every
 * later write of this worker names the token, so a worker whose lease ran out and was taken over can
 * no longer record anything (fencing).
 */
public record FulfilmentJob(Order order, String claim) {
    public FulfilmentJob {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(claim, "claim");
    }

    @Override
    public String toString() {
        return "FulfilmentJob[" + order + "]";
    }
}

package io.invitehub.domain.order;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.UserId;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An order about to be stored. The plan's pack (codes, uses, validity) and price are copied, so a later
 * edit of the plan changes neither what the order costs nor what it delivers.
 */
public record NewOrder(OrderNo orderNo, PlanId planId, UserId buyer, int quantity, int codesTotal, int codeMaxUses,
                       int codeValidityDays, io.invitehub.domain.shared.Money amount,
                       io.invitehub.domain.shared.Money finalAmount, PayType payType, Instant createdAt, Instant expireAt) {
    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 100;

    public NewOrder {
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(buyer, "buyer");
        Objects.requireNonNull(payType, "payType");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expireAt, "expireAt");
    }

    /**
     * A distributor buys {@code quantity} packs of an active DISTRIBUTOR_CODES plan; the order costs the
     * plan price times the quantity and must deliver at most {@code maxCodesPerOrder} codes.
     */
    public static NewOrder forDistributor(Plan plan, UserId buyer, int quantity, PayType payType, OrderNo orderNo,
                                          Instant now, Duration paymentWindow, int maxCodesPerOrder) {
        if (quantity < MIN_QUANTITY || quantity > MAX_QUANTITY) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "quantity must be between " + MIN_QUANTITY + " and " + MAX_QUANTITY);
        }
        if (!plan.sellsToDistributors()) {
            throw DomainException.notFound("plan " + plan.id().value() + " is not on sale");
        }
        long total = (long) plan.spec().codeCount() * quantity;
        if (total > maxCodesPerOrder) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "an order may deliver at most " + maxCodesPerOrder
                    + " codes; " + quantity + " × " + plan.spec().codeCount() + " = " + total);
        }
        io.invitehub.domain.shared.Money amount = plan.spec().price().times(quantity);
        return new NewOrder(orderNo, plan.id(), buyer, quantity, (int) total, plan.spec().codeMaxUses(),
                plan.spec().validityDays(), amount, amount, payType, now, now.plus(paymentWindow));
    }
}

package io.invitehub.domain.order;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A stored order (SPEC section 2): what was bought, its payment state and its fulfilment progress. */
public final class Order {
    private final OrderId id;
    private final OrderNo orderNo;
    private final PlanId planId;
    private final Optional<UserId> buyer;
    private final int quantity;
    private final int codesTotal;
    private final int codeMaxUses;
    private final int codeValidityDays;
    private final Money amount;
    private final Money finalAmount;
    private final OrderStatus status;
    private final Optional<PayType> payType;
    private final Optional<String> tradeNo;
    private final Instant createdAt;
    private final Instant expireAt;
    private final Optional<Instant> paidAt;
    private final Fulfilment fulfilment;

    private Order(OrderId id, OrderNo orderNo, PlanId planId, Optional<UserId> buyer, int quantity, int codesTotal,
                  int codeMaxUses, int codeValidityDays, Money amount, Money finalAmount, OrderStatus status,
                  Optional<PayType> payType, Optional<String> tradeNo, Instant createdAt, Instant expireAt,
                  Optional<Instant> paidAt, Fulfilment fulfilment) {
        this.id = Objects.requireNonNull(id, "id");
        this.orderNo = Objects.requireNonNull(orderNo, "orderNo");
        this.planId = Objects.requireNonNull(planId, "planId");
        this.buyer = Objects.requireNonNull(buyer, "buyer");
        this.quantity = quantity;
        this.codesTotal = codesTotal;
        this.codeMaxUses = codeMaxUses;
        this.codeValidityDays = codeValidityDays;
        this.amount = Objects.requireNonNull(amount, "amount");
        this.finalAmount = Objects.requireNonNull(finalAmount, "finalAmount");
        this.status = Objects.requireNonNull(status, "status");
        this.payType = Objects.requireNonNull(payType, "payType");
        this.tradeNo = Objects.requireNonNull(tradeNo, "tradeNo");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expireAt = Objects.requireNonNull(expireAt, "expireAt");
        this.paidAt = Objects.requireNonNull(paidAt, "paidAt");
        this.fulfilment = Objects.requireNonNull(fulfilment, "fulfilment");
        if (fulfilment.delivered() > codesTotal) {
            throw new IllegalArgumentException("delivered more codes than the order holds");
        }
    }

    /** A row read back from storage. */
    public static Order restore(OrderId id, OrderNo orderNo, PlanId planId, Optional<UserId> buyer, int quantity,
                                int codesTotal, int codeMaxUses, int codeValidityDays, Money amount, Money finalAmount,
                                OrderStatus status, Optional<PayType> payType, Optional<String> tradeNo, Instant createdAt,
                                Instant expireAt, Optional<Instant> paidAt, Fulfilment fulfilment) {
        return new Order(id, orderNo, planId, buyer, quantity, codesTotal, codeMaxUses, codeValidityDays, amount,
                finalAmount, status, payType, tradeNo, createdAt, expireAt, paidAt, fulfilment);
    }

    /**
     * Judges a payment the gateway reports (signature and merchant already verified): {@code paid} must
     * equal the final amount exactly (minor units and currency), {@code type} the order's pay type, and
     * the order must be PENDING and not past {@code expire_at} at {@code now}.
     */
    public PaymentVerdict judgePayment(String trade, Money paid, PayType type, Instant now) {
        if (status == OrderStatus.PAID) {
            if (tradeNo.filter(trade::equals).isEmpty()) {
                return PaymentVerdict.PAID_TWICE;
            }
            // the trade was accepted with exactly finalAmount and payType: a true repeat says the same
            return paid.equals(finalAmount) && payType.filter(type::equals).isPresent()
                    ? PaymentVerdict.ALREADY_PAID : PaymentVerdict.REPEAT_DIFFERS;
        }
        if (status != OrderStatus.PENDING || !now.isBefore(expireAt)) {
            return PaymentVerdict.ORDER_CLOSED;
        }
        if (!paid.equals(finalAmount)) {
            return PaymentVerdict.AMOUNT_MISMATCH;
        }
        if (payType.filter(type::equals).isEmpty()) {
            return PaymentVerdict.PAY_TYPE_MISMATCH;
        }
        return PaymentVerdict.ACCEPT;
    }

    /**
     * Whether the buyer may cancel: only while PENDING (an order past {@code expire_at} that the expiry job
     * has not closed yet may be cancelled too: nobody can pay it any more).
     *
     * @throws DomainException NOT_FOUND for another buyer's order, ORDER_NOT_CANCELLABLE when not PENDING
     */
    public void checkCancellableBy(UserId caller) {
        if (!isBoughtBy(caller)) {
            throw DomainException.notFound("order " + orderNo + " does not exist");
        }
        if (status != OrderStatus.PENDING) {
            throw new DomainException(ErrorCode.ORDER_NOT_CANCELLABLE, "only a PENDING order can be cancelled; this one is " + status);
        }
    }

    /**
     * Whether staff may refund: only a PAID order (money arrived and nothing was refunded yet).
     *
     * @throws DomainException ORDER_NOT_REFUNDABLE otherwise
     */
    public void checkRefundable() {
        if (status != OrderStatus.PAID) {
            throw new DomainException(ErrorCode.ORDER_NOT_REFUNDABLE, "only a PAID order can be refunded; this one is " + status);
        }
    }

    public OrderId id() { return id; }
    public OrderNo orderNo() { return orderNo; }
    public PlanId planId() { return planId; }
    public Optional<UserId> buyer() { return buyer; }
    public int quantity() { return quantity; }
    /** Codes the order delivers: the plan's code_count × quantity, fixed at creation. */
    public int codesTotal() { return codesTotal; }
    public int codeMaxUses() { return codeMaxUses; }
    public int codeValidityDays() { return codeValidityDays; }
    public Money amount() { return amount; }
    public Money finalAmount() { return finalAmount; }
    public OrderStatus status() { return status; }
    public Optional<PayType> payType() { return payType; }
    public Optional<String> tradeNo() { return tradeNo; }
    public Instant createdAt() { return createdAt; }
    public Instant expireAt() { return expireAt; }
    public Optional<Instant> paidAt() { return paidAt; }
    public Fulfilment fulfilment() { return fulfilment; }

    public boolean isBoughtBy(UserId user) {
        return buyer.filter(user::equals).isPresent();
    }

    @Override
    public String toString() {
        return "Order[" + orderNo + ", " + status + ", " + fulfilment.status() + " " + fulfilment.delivered() + "/" + codesTotal + "]";
    }
}

package io.invitehub.domain.order;

/** What a verified payment notification means for its order (see {@link Order#judgePayment}). */
public enum PaymentVerdict {
    /** PENDING, in time, exact amount and channel: mark it PAID now. */
    ACCEPT(true, false),
    /** Already PAID with this trade: the gateway repeats itself; answer success, change nothing. */
    ALREADY_PAID(true, false),
    /** Already PAID by another trade: a second payment; answer success (stop the gateway) and alert admins. */
    PAID_TWICE(true, true),
    /** EXPIRED, CANCELLED or REFUNDED (or PENDING past expire_at): refuse and alert admins, who refund. */
    ORDER_CLOSED(false, true),
    AMOUNT_MISMATCH(false, true),
    PAY_TYPE_MISMATCH(false, true),
    /**
     * Already PAID by this very trade, but the notification now names another amount or channel: not a
     * repeat. Answer success (nothing more is delivered; the gateway stops) and alert admins.
     */
    REPEAT_DIFFERS(true, true);

    private final boolean success;
    private final boolean alert;

    PaymentVerdict(boolean success, boolean alert) {
        this.success = success;
        this.alert = alert;
    }

    /** Whether the gateway is told {@code success}. */
    public boolean success() {
        return success;
    }

    /** Whether admins must see it. */
    public boolean alert() {
        return alert;
    }
}

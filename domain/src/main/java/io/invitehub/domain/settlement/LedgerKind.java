package io.invitehub.domain.settlement;

/**
 * What a ledger entry records (SPEC section 9, ADR 37), and its effect on the balance, where a positive balance is
 * what the distributor owes the platform. Amounts are shown positive, adjustments with their sign.
 */
public enum LedgerKind {
    /** Codes bought through a paid order: informative, settled by the payment itself (prepaid). */
    PURCHASE,
    /** An accepted invitation on a postpaid (granted) code, at the price of the moment of acceptance. */
    CHARGE,
    /** Money received from the distributor, recorded by staff. */
    PAYMENT,
    /** Credit to the distributor. */
    REFUND,
    /** A correction by staff with a reason, either sign. */
    ADJUSTMENT,
    /** Money paid out to a distributor whose statement closed in credit. */
    PAYOUT,
    /**
     * Staff refunded a paid order (its PURCHASE): informative like the purchase — the gateway returned the money,
     * so crediting the balance too would pay it back twice (ADR 37, amendment on refunds and webhooks).
     */
    PURCHASE_REFUNDED;

    /** The entry's effect on the balance: + owed to the platform, − owed to the distributor. */
    public long balanceEffect(long amountMinor) {
        switch (this) {
            case PURCHASE:
            case PURCHASE_REFUNDED:
                return 0;
            case PAYMENT:
            case REFUND:
                return -amountMinor;
            default:
                return amountMinor;
        }
    }
}

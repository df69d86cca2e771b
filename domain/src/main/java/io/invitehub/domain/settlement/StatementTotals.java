package io.invitehub.domain.settlement;

/**
 * The numbers of one statement month, in minor units of the settlement currency: opening balance, then the
 * month's charges (and how many accepted invitations they are), payments, refunds, adjustments (either sign) and
 * payouts, and the informative purchases. {@link #closing()} = opening + charges − payments − refunds
 * + adjustments + payouts.
 */
public record StatementTotals(long opening, long charges, long chargesCount, long payments, long refunds, long adjustments,
                              long payouts, long purchases, long purchasesCount) {

    public long closing() {
        return opening + charges - payments - refunds + adjustments + payouts;
    }
}

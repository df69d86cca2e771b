package io.invitehub.application.settlement.port.in;

import io.invitehub.application.settlement.view.LedgerEntryView;
import io.invitehub.application.settlement.view.StatementView;
import io.invitehub.domain.user.UserId;

import io.invitehub.domain.user.Actor;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Staff's side of settlement (ADR 37): refunds and adjustments, confirming a month's statement (it never changes
 * again; later items land in the next month) and recording its payment, the distributors' settlement prices, and
 * the monthly job that writes the statements of months that ended. Every write is audit-logged.
 */
public interface ManageSettlementUseCase {

    /** A credit to the distributor of {@code amountMinor} (> 0), with a reason. */
    LedgerEntryView refund(UserId caller, UserId distributor, long amountMinor, String reason);

    /** A paid order that staff refunded (the shop's refund, ADR 45): the order, when, by whom and why. */
    record OrderRefund(String orderNo, Instant at, Actor by, String reason) {
        public OrderRefund {
            Objects.requireNonNull(orderNo, "orderNo");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Books the shop's refund of a paid order (ADR 37, amendment on refunds and webhooks) as {@code PURCHASE_REFUNDED}:
     * informative like the order's {@code PURCHASE} (no balance effect: the gateway returned the money), the buyer's
     * entry with the order's amount, in the caller's transaction (it joins it: the entry commits or rolls back with
     * the refund). Staff (or the system) only. Empty when the order has nothing to book (no buyer, or free). Once per
     * order: the shop's PAID → REFUNDED move under the order's lock makes it once, a unique index enforces it.
     */
    Optional<LedgerEntryView> recordOrderRefund(OrderRefund refund);

    /** A correction of {@code amountMinor} (either sign, not 0) with a reason. */
    LedgerEntryView adjust(UserId caller, UserId distributor, long amountMinor, String reason);

    /**
     * OPEN → CONFIRMED: the month must be over and every earlier statement confirmed; the numbers are frozen as the ledger has them now.
     *
     * @throws io.invitehub.domain.settlement.StatementRefusedException STATEMENT_ALREADY_CONFIRMED, STATEMENT_MONTH_NOT_OVER,
     *         EARLIER_STATEMENT_NOT_CONFIRMED (with the blocking period); nothing changed
     */
    StatementView confirm(UserId caller, long statementId);

    /**
     * CONFIRMED → PAID with the payment's {@code reference}: records the money that settles it — a PAYMENT of the
     * closing balance when the distributor owed it, a PAYOUT when it was a credit (nothing at zero).
     *
     * @throws io.invitehub.domain.settlement.StatementRefusedException STATEMENT_NOT_CONFIRMED (still OPEN),
     *         STATEMENT_ALREADY_PAID (with the statement's period); nothing changed
     */
    StatementView pay(UserId caller, long statementId, String reference);

    /** ADMIN: the distributor's own settlement price per accepted invitation, or the platform's when empty. Past charges keep theirs. */
    void setUnitPrice(UserId caller, UserId distributor, Optional<Long> unitPriceMinor);

    /** The monthly job: writes (or refreshes, while OPEN) the statements of every month that ended; returns how many it wrote. */
    int writeStatements();
}

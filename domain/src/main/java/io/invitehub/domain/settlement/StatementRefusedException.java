package io.invitehub.domain.settlement;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.time.YearMonth;
import java.util.Objects;

/**
 * A statement confirmation or payment refused for a stated reason, with the period that blocks it: the statement's own
 * month (not over yet, confirmed already; for a payment: not confirmed yet, paid already) or the distributor's earliest
 * statement still OPEN before it. Nothing changed.
 */
public final class StatementRefusedException extends DomainException {
    private static final long serialVersionUID = 1L;
    private final YearMonth period;

    private StatementRefusedException(ErrorCode code, YearMonth period, String message) {
        super(code, message);
        this.period = Objects.requireNonNull(period, "period");
    }

    /** {@code period} is the statement's own month, the current one or later. */
    public static StatementRefusedException monthNotOver(YearMonth period) {
        return new StatementRefusedException(ErrorCode.STATEMENT_MONTH_NOT_OVER, period,
                "the month " + period + " is not over yet: its statement can be confirmed from the first day of the next month;"
                        + " nothing changed");
    }

    /** {@code earliestOpen}: the distributor's earliest statement before this one that is still OPEN. */
    public static StatementRefusedException earlierOpen(YearMonth period, YearMonth earliestOpen) {
        return new StatementRefusedException(ErrorCode.EARLIER_STATEMENT_NOT_CONFIRMED, earliestOpen,
                "the statement of " + earliestOpen + " of this distributor is still OPEN: confirm it before the one of " + period
                        + "; nothing changed");
    }

    public static StatementRefusedException alreadyConfirmed(YearMonth period, StatementState state) {
        return new StatementRefusedException(ErrorCode.STATEMENT_ALREADY_CONFIRMED, period,
                "the statement of " + period + " is " + state + " already: a confirmation is final; nothing changed");
    }

    /** A payment recorded for a statement still OPEN: staff confirm it first, which freezes the amount to be paid. */
    public static StatementRefusedException notConfirmed(YearMonth period) {
        return new StatementRefusedException(ErrorCode.STATEMENT_NOT_CONFIRMED, period,
                "the statement of " + period + " is OPEN: confirm it first (its amount is frozen then), then record its payment;"
                        + " nothing changed");
    }

    /** A payment recorded for a statement that is PAID already, with the reference it was paid under. */
    public static StatementRefusedException alreadyPaid(YearMonth period, String reference) {
        return new StatementRefusedException(ErrorCode.STATEMENT_ALREADY_PAID, period,
                "the statement of " + period + " is PAID already (reference " + reference + "); nothing changed");
    }

    /** The month that blocks the confirmation or the payment. */
    public YearMonth period() {
        return period;
    }
}

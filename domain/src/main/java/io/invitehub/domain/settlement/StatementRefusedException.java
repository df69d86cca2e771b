package io.invitehub.domain.settlement;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.time.YearMonth;
import java.util.Objects;

/**
 * A statement confirmation refused for a stated reason, with the period that blocks it: the statement's own month
 * (not over yet, or confirmed already) or the distributor's earliest statement still OPEN before it. Nothing changed.
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

    /** The month that blocks the confirmation. */
    public YearMonth period() {
        return period;
    }
}

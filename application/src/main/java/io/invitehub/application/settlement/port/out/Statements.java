package io.invitehub.application.settlement.port.out;

import io.invitehub.application.settlement.view.StatementView;
import io.invitehub.domain.settlement.StatementTotals;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/** Written monthly statements (V44) and the settlement account that says which months are closed. */
public interface Statements {

    /**
     * Locks the distributor's settlement account FOR UPDATE until the transaction ends (creating it): writers of
     * entries wait, and every entry already written is visible to the next statement.
     */
    Optional<YearMonth> lockAccount(UserId distributor);

    List<StatementView> of(UserId distributor);

    Optional<StatementView> find(long id);

    Optional<StatementView> find(UserId distributor, YearMonth period);

    /** Writes the month OPEN with these numbers, or refreshes them while it is OPEN; false when it is confirmed already. */
    boolean writeOpen(UserId distributor, YearMonth period, String currency, StatementTotals totals, Instant at);

    /** OPEN → CONFIRMED with the numbers frozen, and the account closed through its month. */
    void confirm(long id, StatementTotals totals, UserId by, Instant at);

    /** CONFIRMED → PAID. */
    void markPaid(long id, String reference, UserId by, Instant at);

    /** The earliest OPEN statement month of the distributor before {@code period}, if any. */
    Optional<YearMonth> earliestOpenBefore(UserId distributor, YearMonth period);

    /** Every written statement of the month, with the distributors' names, by distributor id. */
    List<StatementView> ofPeriod(YearMonth period);
}

package io.invitehub.application.settlement.port.in;

import io.invitehub.application.settlement.view.LedgerEntryView;
import io.invitehub.application.settlement.view.SettlementPriceView;
import io.invitehub.application.settlement.view.StatementView;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.domain.settlement.LedgerKind;
import io.invitehub.domain.user.UserId;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The settlement read side (SPEC section 9, ADR 37). A distributor asks about itself, staff about anyone; someone
 * else's distributor is NOT_FOUND, as on the other lists.
 */
public interface SettlementQueries {

    /** Every statement month of the distributor, newest first: the written ones and the running month computed now. */
    List<StatementView> statements(UserId caller, UserId distributor);

    /**
     * The distributor's ledger, newest first, of one statement month or all, of the given entry kinds (empty: every
     * kind). A page's cursor belongs to its month and kinds: another filter refuses it.
     */
    Page<LedgerEntryView> ledger(UserId caller, UserId distributor, Optional<YearMonth> period, Set<LedgerKind> kinds, PageRequest page);

    /** The distributor's settlement price: its own (if set) and the platform's default, which the next charge takes. */
    SettlementPriceView unitPrice(UserId caller, UserId distributor);

    /** Staff only: every written statement of {@code period}, by distributor id (for the collection and payout files). */
    List<StatementView> statementsOf(UserId caller, YearMonth period);
}

package io.invitehub.application.settlement.port.out;

import io.invitehub.application.settlement.view.LedgerEntryView;
import io.invitehub.application.settlement.view.SettlementPriceView;
import io.invitehub.domain.settlement.LedgerKind;
import io.invitehub.domain.settlement.StatementTotals;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The append-only ledger (V44): entries, and the sums of a statement month straight from them. */
public interface Ledger {

    /** A new entry; its statement month is decided in the database (its month, or the first after the last confirmed one). */
    record NewEntry(UserId distributor, LedgerKind kind, long amountMinor, Instant at, Optional<Long> statementId, Optional<String> reason,
                    Optional<String> reference, Optional<UserId> actor) {
    }

    LedgerEntryView append(NewEntry entry);

    /**
     * The {@code PURCHASE_REFUNDED} entry of a refunded order (informative, balance 0): the order's buyer, amount and
     * currency as the order row has them, at {@code at}, with the reason and the staff member. Empty when the order
     * had nothing to book (no buyer, or free: such orders have no PURCHASE either). A second call for the same order
     * fails (a unique index).
     */
    Optional<LedgerEntryView> appendPurchaseRefunded(String orderNo, Instant at, String reason, Optional<UserId> actor);

    /**
     * Entries newest first, of one month or all, of the given kinds (empty: every kind), older than {@code beforeId},
     * at most {@code limit}.
     */
    List<LedgerEntryView> entries(UserId distributor, Optional<YearMonth> period, Set<LedgerKind> kinds, Optional<Long> beforeId, int limit);

    /** The month's numbers as the ledger has them now (opening: every earlier month's balance). */
    StatementTotals totals(UserId distributor, YearMonth period);

    /** The distributor's first month with an entry. */
    Optional<YearMonth> firstPeriod(UserId distributor);

    /** Distributors with entries, by id after {@code afterId}, at most {@code limit}. */
    List<UserId> distributors(long afterId, int limit);

    /** The settlement currency (ISO code). */
    String currency();

    /** The distributor's own price and the platform's default, as the charge takes them; empty when it is not a distributor. */
    Optional<SettlementPriceView> unitPrice(UserId distributor);

    /** The distributor's own price (empty: the platform's); false when {@code distributor} is not a distributor. */
    boolean setUnitPrice(UserId distributor, Optional<Long> unitPriceMinor);
}

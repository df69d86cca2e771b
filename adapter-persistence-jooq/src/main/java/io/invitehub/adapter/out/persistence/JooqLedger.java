package io.invitehub.adapter.out.persistence;

import io.invitehub.application.settlement.port.out.Ledger;
import io.invitehub.application.settlement.view.LedgerEntryView;
import io.invitehub.application.settlement.view.SettlementPriceView;
import io.invitehub.domain.settlement.LedgerKind;
import io.invitehub.domain.settlement.StatementTotals;
import io.invitehub.domain.user.UserId;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger (V44, ADR 37) in SQL. Entries are only inserted (a trigger refuses updates and deletes); the statement
 * month of a new entry is {@code settlement_period(…)}, which also takes the distributor's settlement account FOR
 * SHARE. A month's numbers are sums over {@code ledger_entries_distributor_idx}; the ledger of some kinds reads
 * {@code ledger_entries_distributor_kind_idx} (V55).
 */
final class JooqLedger implements Ledger {
    static final String ENTRY_COLUMNS = "e.id, e.kind, e.amount_minor, e.balance_minor, e.currency, e.period, e.occurred_at, e.invitation_id, "
            + "o.order_no, e.unit_price_minor, e.reason, e.reference";
    static final String TOTALS = "select coalesce(sum(balance_minor) filter (where period < ?::date), 0) opening, "
            + "coalesce(sum(amount_minor) filter (where period = ?::date and kind = 'CHARGE'), 0) charges, "
            + "count(*) filter (where period = ?::date and kind = 'CHARGE') charges_count, "
            + "coalesce(sum(amount_minor) filter (where period = ?::date and kind = 'PAYMENT'), 0) payments, "
            + "coalesce(sum(amount_minor) filter (where period = ?::date and kind = 'REFUND'), 0) refunds, "
            + "coalesce(sum(amount_minor) filter (where period = ?::date and kind = 'ADJUSTMENT'), 0) adjustments, "
            + "coalesce(sum(amount_minor) filter (where period = ?::date and kind = 'PAYOUT'), 0) payouts, "
            + "coalesce(sum(amount_minor) filter (where period = ?::date and kind = 'PURCHASE'), 0) purchases, "
            + "count(*) filter (where period = ?::date and kind = 'PURCHASE') purchases_count "
            + "from ledger_entries where distributor_id = ? and period <= ?::date";

    private final DSLContext dsl;

    JooqLedger(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public LedgerEntryView append(NewEntry e) {
        long id = dsl.fetchSingle("insert into ledger_entries (distributor_id, kind, amount_minor, balance_minor, currency, period, "
                        + "occurred_at, statement_id, reason, reference, actor_id) select ?::bigint, ?, ?::bigint, ?::bigint, s.currency, "
                        + "settlement_period(?::bigint, ?::timestamptz), ?::timestamptz, ?::bigint, ?, ?, ?::bigint "
                        + "from settlement_settings s where s.id = 1 returning id",
                e.distributor().value(), e.kind().name(), e.amountMinor(), e.kind().balanceEffect(e.amountMinor()), e.distributor().value(),
                Rows.at(e.at()), Rows.at(e.at()), e.statementId().orElse(null), e.reason().orElse(null), e.reference().orElse(null),
                e.actor().map(UserId::value).orElse(null)).get(0, Long.class);
        return dsl.fetchSingle("select " + ENTRY_COLUMNS + " from ledger_entries e left join orders o on o.id = e.order_id where e.id = ?", id)
                .map(JooqLedger::entry);
    }

    @Override
    public Optional<LedgerEntryView> appendPurchaseRefunded(String orderNo, Instant at, String reason, Optional<UserId> actor) {
        // like orders_settlement (R__settlement.sql): the buyer's entry, the order's amount and currency, no balance effect
        Record written = dsl.fetchOptional("insert into ledger_entries (distributor_id, kind, amount_minor, balance_minor, currency, "
                        + "period, occurred_at, order_id, reason, actor_id) select o.buyer_id, 'PURCHASE_REFUNDED', o.final_amount_minor, 0, "
                        + "o.currency, settlement_period(o.buyer_id, ?::timestamptz), ?::timestamptz, o.id, ?, ?::bigint from orders o "
                        + "where o.order_no = ? and o.buyer_id is not null and o.final_amount_minor > 0 returning id",
                Rows.at(at), Rows.at(at), reason, actor.map(UserId::value).orElse(null), orderNo).orElse(null);
        if (written == null) {
            return Optional.empty();
        }
        return Optional.of(dsl.fetchSingle("select " + ENTRY_COLUMNS + " from ledger_entries e left join orders o on o.id = e.order_id "
                + "where e.id = ?", written.get(0, Long.class)).map(JooqLedger::entry));
    }

    @Override
    public List<LedgerEntryView> entries(UserId distributor, Optional<YearMonth> period, Set<LedgerKind> kinds, Optional<Long> beforeId,
                                         int limit) {
        KindPage q = page(distributor, period, kinds, beforeId, limit);
        return dsl.fetch(q.sql(), q.binds().toArray()).map(JooqLedger::entry);
    }

    /** The SQL of a ledger page, with its bound values. */
    record KindPage(String sql, List<Object> binds) {
    }

    /**
     * A ledger page, newest first ({@code LedgerKindPlansTest} checks the plans). Every kind (none given): the
     * distributor's entries. Some kinds: one branch per kind, each the newest {@code limit} ids of that kind from
     * {@code ledger_entries_distributor_kind_idx} (V55), merged newest first: at most kinds × limit index entries read,
     * however many entries of other kinds the distributor has. A month is written as the range from its first day to the next month's
     * ({@code period} is always a first day) and ordered by {@code (period, id)}: the same rows and order, but no longer an
     * order the primary key gives, so the planner reads the month from {@code ledger_entries_distributor_idx} or
     * {@code ledger_entries_distributor_kind_period_idx} instead of walking the primary key backwards from the newest
     * entry of the table to an old month.
     */
    static KindPage page(UserId distributor, Optional<YearMonth> period, Set<LedgerKind> kinds, Optional<Long> beforeId, int limit) {
        List<Object> binds = new ArrayList<>();
        String order = period.isPresent() ? " order by period desc, id desc limit ?" : " order by id desc limit ?";
        String orderE = period.isPresent() ? " order by e.period desc, e.id desc limit ?" : " order by e.id desc limit ?";
        if (kinds.isEmpty()) {
            binds.add(distributor.value());
            period.ifPresent(p -> {
                binds.add(p.atDay(1));
                binds.add(p.plusMonths(1).atDay(1));
            });
            beforeId.ifPresent(binds::add);
            binds.add(limit);
            return new KindPage("select " + ENTRY_COLUMNS + " from ledger_entries e left join orders o on o.id = e.order_id "
                    + "where e.distributor_id = ?" + (period.isPresent() ? " and e.period >= ?::date and e.period < ?::date" : "")
                    + (beforeId.isPresent() ? " and e.id < ?" : "") + orderE, binds);
        }
        StringBuilder ids = new StringBuilder();
        for (LedgerKind kind : kinds) {
            ids.append(ids.length() == 0 ? "" : " union all ")
                    .append("(select id from ledger_entries where distributor_id = ? and kind = ?")
                    .append(period.isPresent() ? " and period >= ?::date and period < ?::date" : "")
                    .append(beforeId.isPresent() ? " and id < ?" : "")
                    .append(order).append(')');
            binds.add(distributor.value());
            binds.add(kind.name());
            period.ifPresent(p -> {
                binds.add(p.atDay(1));
                binds.add(p.plusMonths(1).atDay(1));
            });
            beforeId.ifPresent(binds::add);
            binds.add(limit);
        }
        binds.add(limit);
        return new KindPage("select " + ENTRY_COLUMNS + " from ledger_entries e left join orders o on o.id = e.order_id where e.id in "
                + "(select id from (" + ids + ") k order by id desc limit ?) order by e.id desc", binds);
    }

    @Override
    public StatementTotals totals(UserId distributor, YearMonth period) {
        LocalDate p = period.atDay(1);
        Record r = dsl.fetchSingle(TOTALS, p, p, p, p, p, p, p, p, p, distributor.value(), p);
        return totals(r);
    }

    static StatementTotals totals(Record r) {
        return new StatementTotals(r.get("opening", Long.class), r.get("charges", Long.class), r.get("charges_count", Long.class),
                r.get("payments", Long.class), r.get("refunds", Long.class), r.get("adjustments", Long.class), r.get("payouts", Long.class),
                r.get("purchases", Long.class), r.get("purchases_count", Long.class));
    }

    @Override
    public Optional<YearMonth> firstPeriod(UserId distributor) {
        LocalDate first = dsl.fetchSingle("select min(period) from ledger_entries where distributor_id = ?", distributor.value())
                .get(0, LocalDate.class);
        return Optional.ofNullable(first).map(YearMonth::from);
    }

    @Override
    public List<UserId> distributors(long afterId, int limit) {
        return dsl.fetch("select distributor_id from settlement_accounts where distributor_id > ? order by distributor_id limit ?", afterId, limit)
                .map(r -> new UserId(r.get(0, Long.class)));
    }

    @Override
    public String currency() {
        return dsl.fetchSingle("select currency from settlement_settings where id = 1").get(0, String.class);
    }

    @Override
    public Optional<SettlementPriceView> unitPrice(UserId distributor) {
        // the same coalesce as invitations_settlement (R__settlement.sql) takes for a charge
        return dsl.fetchOptional("select u.unit_price_minor, coalesce((select p.default_unit_price_minor from platform_settings p where p.id = 1), "
                        + "s.default_unit_price_minor) default_minor, s.currency from users u cross join settlement_settings s "
                        + "where s.id = 1 and u.id = ? and u.role = 'DISTRIBUTOR'", distributor.value())
                .map(r -> new SettlementPriceView(Optional.ofNullable(r.get("unit_price_minor", Long.class)), r.get("default_minor", Long.class),
                        r.get("currency", String.class)));
    }

    @Override
    public boolean setUnitPrice(UserId distributor, Optional<Long> unitPriceMinor) {
        return dsl.execute("update users set unit_price_minor = ?, updated_at = now() where id = ? and role = 'DISTRIBUTOR'",
                unitPriceMinor.orElse(null), distributor.value()) == 1;
    }

    /** Keeps the platform's settlement price and currency equal to the configuration (at every start). */
    void useDefaults(long defaultUnitPriceMinor, String currency) {
        // only when they differ: a start with the same configuration writes nothing
        dsl.execute("update settlement_settings set default_unit_price_minor = ?, currency = ? where id = 1 "
                + "and (default_unit_price_minor, currency) is distinct from (?::bigint, ?::varchar)", defaultUnitPriceMinor, currency,
                defaultUnitPriceMinor, currency);
    }

    private static LedgerEntryView entry(Record r) {
        return new LedgerEntryView(r.get("id", Long.class), LedgerKind.valueOf(r.get("kind", String.class)), r.get("amount_minor", Long.class),
                r.get("balance_minor", Long.class), r.get("currency", String.class), YearMonth.from(r.get("period", LocalDate.class)),
                r.get("occurred_at", OffsetDateTime.class).toInstant(), Optional.ofNullable(r.get("invitation_id", Long.class)),
                Optional.ofNullable(r.get("order_no", String.class)), Optional.ofNullable(r.get("unit_price_minor", Long.class)),
                Optional.ofNullable(r.get("reason", String.class)), Optional.ofNullable(r.get("reference", String.class)));
    }
}

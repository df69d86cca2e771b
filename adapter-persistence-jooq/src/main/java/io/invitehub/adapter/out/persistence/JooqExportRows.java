package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.Orders;
import io.invitehub.application.exports.port.in.ExportRequest;
import io.invitehub.application.exports.port.out.ExportRows;
import io.invitehub.application.exports.view.ExportCell;
import io.invitehub.application.exports.view.ExportFilter;
import io.invitehub.application.exports.view.RowSink;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeStatus;
import io.invitehub.domain.crm.Tag;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.UserId;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static io.invitehub.adapter.out.persistence.JooqDistributorRecords.C;
import static io.invitehub.adapter.out.persistence.JooqDistributorRecords.I;
import static io.invitehub.adapter.out.persistence.JooqDistributorRecords.T;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;

/**
 * The rows of an export (ADR 35): the query of the matching list without its page limit, over the same index
 * in the same order (so PostgreSQL streams it without sorting), run in a read-only transaction and read
 * through a server-side cursor of {@value #FETCH_SIZE} rows: the PostgreSQL driver fetches that many rows
 * at a time (a portal, since the transaction keeps autocommit off), and each row goes to the sink before
 * the next is read. Memory stays flat whatever the number of rows.
 */
final class JooqExportRows implements ExportRows {
    static final int FETCH_SIZE = 1000;
    private static final Orders O = Orders.ORDERS.as("o");

    private final DSLContext dsl;

    JooqExportRows(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public long stream(ExportRequest request, Instant now, Instant endedSince, RowSink sink) {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            tx.execute("set transaction read only");
            Query q = query(tx, request, now, endedSince);
            long written = 0;
            try (Cursor<? extends Record> cursor = q.select().fetchSize(FETCH_SIZE).fetchLazy()) {
                for (Record row : cursor) {
                    sink.accept(q.cells().apply(row));
                    written++;
                }
            }
            return written;
        });
    }

    /** A query and how one of its rows becomes cells. */
    private record Query(ResultQuery<? extends Record> select, Function<Record, List<ExportCell>> cells) {
    }

    private Query query(DSLContext tx, ExportRequest request, Instant now, Instant endedSince) {
        ExportFilter f = request.filter();
        if (request.platform()) {
            return codes(tx, Optional.empty(), f, now);
        }
        UserId d = request.distributor().orElseThrow();
        switch (request.kind()) {
            case CODES:
                return codes(tx, Optional.of(d), f, now);
            case SALES:
                return sales(tx, d, f);
            case MEMBERS:
                return members(tx, d, f, endedSince);
            case ORDERS:
                return orders(tx, d, f);
            case STATEMENTS:
                return statements(tx, d, f);
            case LEDGER:
                return ledger(tx, d, f);
            default:
                throw new IllegalArgumentException("no rows for " + request.kind());
        }
    }

    /** A distributor's codes, or (none) the platform's own: no owner, newest first like GET /admin/platform-codes. */
    private static Query codes(DSLContext tx, Optional<UserId> d, ExportFilter f, Instant now) {
        OffsetDateTime at = Rows.at(now);
        var status = JooqDistributorRecords.status(at);
        Condition where = d.map(owner -> C.OWNER_ID.between(owner.value(), owner.value())).orElse(C.OWNER_ID.isNull())
                .and(f.q().map(p -> C.CODE.like(JooqDistributorRecords.like(JooqDistributorRecords.codePrefix(p)), '\\')).orElse(noCondition()))
                .and(f.status().map(s -> status.eq(inline(s))).orElse(noCondition()));
        var select = tx.select(C.ID, C.CODE, status.as("status"), C.ACTIVE, C.USED_COUNT, C.MAX_USES, C.EXPIRES_AT, C.VALIDITY_DAYS,
                        C.BOUND_EMAIL, C.NOTE, C.CREATED_AT)
                .from(C).where(where)
                // a distributor's codes in redeem_codes_owner_idx's order; the platform's (owner null, which that index
                // leaves out since V63) in redeem_codes_platform_idx's: by id alone, the same order
                .orderBy(d.isPresent() ? List.of(C.OWNER_ID.desc(), C.ID.desc()) : List.of(C.ID.desc()));
        return new Query(select, r -> List.of(
                ExportCell.number(r.get(C.ID)),
                ExportCell.text(new Code(r.get(C.CODE)).display()),
                ExportCell.text(CodeStatus.valueOf(r.get("status", String.class)).wireName()),
                ExportCell.bool(r.get(C.ACTIVE)),
                ExportCell.number(r.get(C.USED_COUNT).longValue()),
                ExportCell.number(r.get(C.MAX_USES).longValue()),
                ExportCell.time(Rows.instant(r.get(C.EXPIRES_AT))),
                ExportCell.number(r.get(C.VALIDITY_DAYS).longValue()),
                ExportCell.text(r.get(C.BOUND_EMAIL)),
                ExportCell.text(r.get(C.NOTE)),
                ExportCell.time(Rows.instant(r.get(C.CREATED_AT)))));
    }

    private static Query sales(DSLContext tx, UserId d, ExportFilter f) {
        Condition where = I.DISTRIBUTOR_ID.eq(d.value()).and(I.IS_REBIND.isFalse())
                .and(f.status().map(s -> I.STATE.eq(inline(s))).orElse(noCondition()))
                .and(f.from().map(t -> I.CREATED_AT.ge(Rows.at(t))).orElse(noCondition()))
                .and(f.to().map(t -> I.CREATED_AT.lt(Rows.at(t))).orElse(noCondition()))
                .and(JooqDistributorRecords.prefix(f.q()))
                .and(JooqCustomerBook.carriesAll(tags(f)));
        var select = tx.select(I.ID, C.CODE, I.EMAIL, T.NAME, I.STATE, I.CREATED_AT, I.ACCEPTED_AT)
                .from(I).join(C).on(C.ID.eq(I.CODE_ID)).leftJoin(T).on(T.ID.eq(I.TEAM_ID))
                .where(where).orderBy(I.CREATED_AT.desc(), I.ID.desc());
        return new Query(select, r -> List.of(
                ExportCell.number(r.get(I.ID)),
                ExportCell.text(new Code(r.get(C.CODE)).display()),
                ExportCell.text(r.get(I.EMAIL)),
                ExportCell.text(r.get(T.NAME)),
                ExportCell.text(r.get(I.STATE)),
                ExportCell.time(Rows.instant(r.get(I.CREATED_AT))),
                ExportCell.time(Rows.instant(r.get(I.ACCEPTED_AT)))));
    }

    private static Query members(DSLContext tx, UserId d, ExportFilter f, Instant endedSince) {
        Condition where = I.DISTRIBUTOR_ID.eq(d.value())
                .and(I.STATE.in(JooqDistributorRecords.literals(JooqDistributorRecords.MEMBER_STATES)))
                .and(I.STATE.in(JooqDistributorRecords.literals(JooqDistributorRecords.STILL_MEMBER)).or(I.ENDED_AT.ge(Rows.at(endedSince))))
                .and(JooqDistributorRecords.prefix(f.q()))
                .and(JooqCustomerBook.carriesAll(tags(f)));
        var select = tx.select(I.ID, I.EMAIL, I.TEAM_ID, T.NAME, C.CODE, I.ACCEPTED_AT, I.STATE, I.CREATED_AT)
                .from(I).join(C).on(C.ID.eq(I.CODE_ID)).leftJoin(T).on(T.ID.eq(I.TEAM_ID))
                .where(where).orderBy(I.CREATED_AT.desc(), I.ID.desc());
        return new Query(select, r -> List.of(
                ExportCell.number(r.get(I.ID)),
                ExportCell.text(r.get(I.EMAIL)),
                ExportCell.number(r.get(I.TEAM_ID)),
                ExportCell.text(r.get(T.NAME)),
                ExportCell.text(new Code(r.get(C.CODE)).display()),
                ExportCell.time(Rows.instant(r.get(I.ACCEPTED_AT))),
                ExportCell.text(r.get(I.STATE)),
                ExportCell.bool(InvitationState.valueOf(r.get(I.STATE)).isEnded()),
                ExportCell.time(Rows.instant(r.get(I.CREATED_AT)))));
    }

    private static Query statements(DSLContext tx, UserId d, ExportFilter f) {
        var select = tx.resultQuery("select s.id, to_char(s.period, 'YYYY-MM') as statement_month, s.state, s.currency, s.opening_minor, s.charges_minor, "
                + "s.charges_count, s.payments_minor, s.refunds_minor, s.adjustments_minor, s.payouts_minor, s.purchases_minor, s.purchases_count, "
                + "s.closing_minor, s.confirmed_at, s.paid_at, s.payment_reference from statements s where s.distributor_id = ? "
                + "and (?::varchar is null or s.state = ?::varchar) order by s.period desc", d.value(), f.status().orElse(null), f.status().orElse(null));
        return new Query(select, r -> {
            Currency c = Currency.getInstance(r.get("currency", String.class));
            return List.of(ExportCell.number(r.get("id", Long.class)), ExportCell.text(r.get("statement_month", String.class)),
                    ExportCell.text(r.get("state", String.class)), ExportCell.text(c.getCurrencyCode()),
                    money(r, "opening_minor", c), money(r, "charges_minor", c), ExportCell.number(r.get("charges_count", Long.class)),
                    money(r, "payments_minor", c), money(r, "refunds_minor", c), money(r, "adjustments_minor", c),
                    money(r, "payouts_minor", c), money(r, "purchases_minor", c), ExportCell.number(r.get("purchases_count", Long.class)),
                    money(r, "closing_minor", c), ExportCell.time(Rows.instant(r.get("confirmed_at", OffsetDateTime.class))),
                    ExportCell.time(Rows.instant(r.get("paid_at", OffsetDateTime.class))), ExportCell.text(r.get("payment_reference", String.class)));
        });
    }

    private static Query ledger(DSLContext tx, UserId d, ExportFilter f) {
        java.time.LocalDate period = f.period().map(p -> p.atDay(1)).orElse(null);
        // kind: any of the kinds (empty: every kind); status: one kind, the older spelling (the route takes one of the two)
        String[] kinds = f.kinds().isEmpty() ? null : f.kinds().toArray(String[]::new);
        var select = tx.resultQuery("select " + JooqLedger.ENTRY_COLUMNS + " from ledger_entries e left join orders o on o.id = e.order_id "
                        + "where e.distributor_id = ? and (?::date is null or e.period = ?::date) and (?::varchar is null or e.kind = ?::varchar) "
                        + "and (?::varchar[] is null or e.kind = any(?::varchar[])) order by e.id desc",
                d.value(), period, period, f.status().orElse(null), f.status().orElse(null), kinds, kinds);
        return new Query(select, r -> {
            Currency c = Currency.getInstance(r.get("currency", String.class));
            Long price = r.get("unit_price_minor", Long.class);
            return List.of(ExportCell.number(r.get("id", Long.class)), ExportCell.text(r.get("kind", String.class)),
                    money(r, "amount_minor", c), money(r, "balance_minor", c), ExportCell.text(c.getCurrencyCode()),
                    ExportCell.text(java.time.YearMonth.from(r.get("period", java.time.LocalDate.class)).toString()),
                    ExportCell.time(Rows.instant(r.get("occurred_at", OffsetDateTime.class))),
                    ExportCell.number(r.get("invitation_id", Long.class)), ExportCell.text(r.get("order_no", String.class)),
                    price == null ? ExportCell.empty() : ExportCell.amount(Money.ofMinor(price, c)),
                    ExportCell.text(r.get("reason", String.class)), ExportCell.text(r.get("reference", String.class)));
        });
    }

    private static ExportCell money(Record r, String column, Currency currency) {
        return ExportCell.amount(Money.ofMinor(r.get(column, Long.class), currency));
    }

    private static List<Tag> tags(ExportFilter f) {
        return f.tags().stream().map(Tag::new).toList();
    }

    private static Query orders(DSLContext tx, UserId d, ExportFilter f) {
        Condition where = O.BUYER_ID.eq(d.value()).and(f.status().map(s -> O.STATUS.eq(inline(s))).orElse(noCondition()));
        var select = tx.select(O.ORDER_NO, O.PLAN_ID, O.QUANTITY, O.CODES_TOTAL, O.FINAL_AMOUNT_MINOR, O.CURRENCY, O.STATUS,
                        O.PAY_TYPE, O.TRADE_NO, O.CREATED_AT, O.PAID_AT, O.FULFILLMENT_STATUS, O.DELIVERED_COUNT)
                .from(O).where(where).orderBy(O.CREATED_AT.desc(), O.ID.desc());
        return new Query(select, r -> {
            Currency currency = Currency.getInstance(r.get(O.CURRENCY));
            return List.of(
                    ExportCell.text(r.get(O.ORDER_NO)),
                    ExportCell.number(r.get(O.PLAN_ID)),
                    ExportCell.number(r.get(O.QUANTITY).longValue()),
                    ExportCell.number(r.get(O.CODES_TOTAL).longValue()),
                    ExportCell.amount(Money.ofMinor(r.get(O.FINAL_AMOUNT_MINOR), currency)),
                    ExportCell.text(currency.getCurrencyCode()),
                    ExportCell.text(r.get(O.STATUS)),
                    ExportCell.text(r.get(O.PAY_TYPE)),
                    ExportCell.text(r.get(O.TRADE_NO)),
                    ExportCell.time(Rows.instant(r.get(O.CREATED_AT))),
                    ExportCell.time(Rows.instant(r.get(O.PAID_AT))),
                    ExportCell.text(r.get(O.FULFILLMENT_STATUS)),
                    ExportCell.number(r.get(O.DELIVERED_COUNT).longValue()));
        });
    }
}

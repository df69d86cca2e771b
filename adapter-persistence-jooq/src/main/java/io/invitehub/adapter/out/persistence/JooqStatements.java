package io.invitehub.adapter.out.persistence;

import io.invitehub.application.settlement.view.StatementView;
import io.invitehub.domain.settlement.StatementState;
import io.invitehub.domain.settlement.StatementTotals;
import io.invitehub.domain.user.UserId;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/** Written statements and the settlement accounts (V44, ADR 37); a trigger refuses any change to a confirmed statement's numbers. */
final class JooqStatements implements io.invitehub.application.settlement.port.out.Statements {
    static final String COLUMNS = "s.id, s.distributor_id, u.username, u.email, s.period, s.state, s.currency, s.opening_minor opening, "
            + "s.charges_minor charges, s.charges_count, s.payments_minor payments, s.refunds_minor refunds, s.adjustments_minor adjustments, "
            + "s.payouts_minor payouts, s.purchases_minor purchases, s.purchases_count, s.confirmed_at, s.paid_at, s.payment_reference";
    private static final String FROM = " from statements s join users u on u.id = s.distributor_id ";

    private final DSLContext dsl;

    JooqStatements(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<YearMonth> lockAccount(UserId distributor) {
        dsl.execute("insert into settlement_accounts (distributor_id) values (?) on conflict do nothing", distributor.value());
        LocalDate closed = dsl.fetchSingle("select closed_through from settlement_accounts where distributor_id = ? for update",
                distributor.value()).get(0, LocalDate.class);
        return Optional.ofNullable(closed).map(YearMonth::from);
    }

    @Override
    public List<StatementView> of(UserId distributor) {
        return dsl.fetch("select " + COLUMNS + FROM + "where s.distributor_id = ? order by s.period desc", distributor.value())
                .map(JooqStatements::view);
    }

    @Override
    public Optional<StatementView> find(long id) {
        return dsl.fetchOptional("select " + COLUMNS + FROM + "where s.id = ?", id).map(JooqStatements::view);
    }

    @Override
    public Optional<StatementView> find(UserId distributor, YearMonth period) {
        return dsl.fetchOptional("select " + COLUMNS + FROM + "where s.distributor_id = ? and s.period = ?::date", distributor.value(),
                period.atDay(1)).map(JooqStatements::view);
    }

    @Override
    public boolean writeOpen(UserId distributor, YearMonth period, String currency, StatementTotals t, Instant at) {
        return dsl.execute("insert into statements as s (distributor_id, period, currency, opening_minor, charges_minor, charges_count, "
                        + "payments_minor, refunds_minor, adjustments_minor, payouts_minor, purchases_minor, purchases_count, closing_minor, "
                        + "created_at, updated_at) values (?, ?::date, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz) "
                        + "on conflict (distributor_id, period) do update set opening_minor = excluded.opening_minor, "
                        + "charges_minor = excluded.charges_minor, charges_count = excluded.charges_count, payments_minor = excluded.payments_minor, "
                        + "refunds_minor = excluded.refunds_minor, adjustments_minor = excluded.adjustments_minor, "
                        + "payouts_minor = excluded.payouts_minor, purchases_minor = excluded.purchases_minor, "
                        + "purchases_count = excluded.purchases_count, closing_minor = excluded.closing_minor, updated_at = excluded.updated_at "
                        + "where s.state = 'OPEN'",
                distributor.value(), period.atDay(1), currency, t.opening(), t.charges(), t.chargesCount(), t.payments(), t.refunds(),
                t.adjustments(), t.payouts(), t.purchases(), t.purchasesCount(), t.closing(), Rows.at(at), Rows.at(at)) == 1;
    }

    @Override
    public void confirm(long id, StatementTotals t, UserId by, Instant at) {
        int updated = dsl.execute("update statements set state = 'CONFIRMED', opening_minor = ?, charges_minor = ?, charges_count = ?, "
                        + "payments_minor = ?, refunds_minor = ?, adjustments_minor = ?, payouts_minor = ?, purchases_minor = ?, purchases_count = ?, "
                        + "closing_minor = ?, confirmed_at = ?::timestamptz, confirmed_by = ?, updated_at = ?::timestamptz where id = ? and state = 'OPEN'",
                t.opening(), t.charges(), t.chargesCount(), t.payments(), t.refunds(), t.adjustments(), t.payouts(), t.purchases(),
                t.purchasesCount(), t.closing(), Rows.at(at), by.value(), Rows.at(at), id);
        if (updated != 1) {
            throw new IllegalStateException("statement " + id + " was not OPEN under its account lock");
        }
        dsl.execute("update settlement_accounts a set closed_through = s.period from statements s where s.id = ? "
                + "and a.distributor_id = s.distributor_id", id);
    }

    @Override
    public void markPaid(long id, String reference, UserId by, Instant at) {
        int updated = dsl.execute("update statements set state = 'PAID', paid_at = ?::timestamptz, paid_by = ?, payment_reference = ?, updated_at = ?::timestamptz "
                + "where id = ? and state = 'CONFIRMED'", Rows.at(at), by.value(), reference, Rows.at(at), id);
        if (updated != 1) {
            throw new IllegalStateException("statement " + id + " was not CONFIRMED under its account lock");
        }
    }

    @Override
    public Optional<YearMonth> earliestOpenBefore(UserId distributor, YearMonth period) {
        return dsl.fetchOptional("select period from statements where distributor_id = ? and period < ?::date and state = 'OPEN'"
                + " order by period limit 1", distributor.value(), period.atDay(1))
                .map(r -> YearMonth.from(r.get(0, java.time.LocalDate.class)));
    }

    @Override
    public List<StatementView> ofPeriod(YearMonth period) {
        return dsl.fetch("select " + COLUMNS + FROM + "where s.period = ?::date order by s.distributor_id", period.atDay(1)).map(JooqStatements::view);
    }

    static StatementView view(Record r) {
        return new StatementView(Optional.of(r.get("id", Long.class)), new UserId(r.get("distributor_id", Long.class)),
                Optional.ofNullable(r.get("username", String.class)), Optional.ofNullable(r.get("email", String.class)),
                YearMonth.from(r.get("period", LocalDate.class)), StatementState.valueOf(r.get("state", String.class)),
                r.get("currency", String.class), JooqLedger.totals(r),
                Optional.ofNullable(r.get("confirmed_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                Optional.ofNullable(r.get("paid_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                Optional.ofNullable(r.get("payment_reference", String.class)));
    }
}

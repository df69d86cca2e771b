package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.records.PaymentAlertsRecord;
import io.invitehub.application.shop.port.out.PaymentAlerts;
import io.invitehub.application.shop.view.PaymentAlert;
import io.invitehub.domain.user.UserId;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.generated.Tables.PAYMENT_ALERTS;
import static io.invitehub.adapter.out.persistence.generated.Tables.USERS;
import static org.jooq.impl.DSL.noCondition;

/** Payment alerts in PostgreSQL, newest first by id; the open ones over payment_alerts_open_idx (V54). */
final class JooqPaymentAlerts implements PaymentAlerts {
    private final DSLContext dsl;

    JooqPaymentAlerts(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public PaymentAlert record(PaymentAlert alert) {
        PaymentAlertsRecord r = dsl.insertInto(PAYMENT_ALERTS)
                .set(PAYMENT_ALERTS.KIND, alert.kind().name())
                .set(PAYMENT_ALERTS.ORDER_NO, alert.orderNo().orElse(null))
                .set(PAYMENT_ALERTS.TRADE_NO, alert.tradeNo().orElse(null))
                .set(PAYMENT_ALERTS.DETAIL, alert.detail())
                .set(PAYMENT_ALERTS.CREATED_AT, Rows.at(alert.at()))
                .returning().fetchOne();
        return toDomain(r, null);
    }

    @Override
    public List<PaymentAlert> latest(PaymentAlert.State state, Optional<Long> beforeId, int limit) {
        return dsl.select(PAYMENT_ALERTS.asterisk(), USERS.USERNAME).from(PAYMENT_ALERTS)
                .leftJoin(USERS).on(USERS.ID.eq(PAYMENT_ALERTS.HANDLED_BY))
                .where(beforeId.map(PAYMENT_ALERTS.ID::lt).orElse(noCondition())).and(in(state))
                .orderBy(PAYMENT_ALERTS.ID.desc()).limit(limit).fetch(JooqPaymentAlerts::toDomain);
    }

    @Override
    public Optional<PaymentAlert> find(long id) {
        return dsl.select(PAYMENT_ALERTS.asterisk(), USERS.USERNAME).from(PAYMENT_ALERTS)
                .leftJoin(USERS).on(USERS.ID.eq(PAYMENT_ALERTS.HANDLED_BY))
                .where(PAYMENT_ALERTS.ID.eq(id)).fetchOptional(JooqPaymentAlerts::toDomain);
    }

    @Override
    public boolean markHandled(long id, UserId by, String note, Instant at) {
        // conditional: of two concurrent callers, the second waits for the first's row lock, re-reads the row and updates nothing
        return dsl.update(PAYMENT_ALERTS)
                .set(PAYMENT_ALERTS.HANDLED_AT, Rows.at(at))
                .set(PAYMENT_ALERTS.HANDLED_BY, by.value())
                .set(PAYMENT_ALERTS.HANDLED_NOTE, note)
                .where(PAYMENT_ALERTS.ID.eq(id)).and(PAYMENT_ALERTS.HANDLED_AT.isNull())
                .execute() == 1;
    }

    private static Condition in(PaymentAlert.State state) {
        switch (state) {
            case OPEN: return PAYMENT_ALERTS.HANDLED_AT.isNull();
            case HANDLED: return PAYMENT_ALERTS.HANDLED_AT.isNotNull();
            default: return noCondition();
        }
    }

    private static PaymentAlert toDomain(Record row) {
        return toDomain(row.into(PAYMENT_ALERTS), row.get(USERS.USERNAME));
    }

    private static PaymentAlert toDomain(PaymentAlertsRecord r, String handledByUsername) {
        Optional<PaymentAlert.Handling> handled = r.getHandledAt() == null ? Optional.empty()
                : Optional.of(new PaymentAlert.Handling(Rows.instant(r.getHandledAt()), Optional.ofNullable(r.getHandledBy()).map(UserId::new),
                        Optional.ofNullable(handledByUsername), r.getHandledNote()));
        return new PaymentAlert(r.getId(), PaymentAlert.Kind.valueOf(r.getKind()), Optional.ofNullable(r.getOrderNo()),
                Optional.ofNullable(r.getTradeNo()), r.getDetail(), Rows.instant(r.getCreatedAt()), handled);
    }
}

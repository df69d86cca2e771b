package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.records.PaymentAlertsRecord;
import io.invitehub.application.shop.port.out.PaymentAlerts;
import io.invitehub.application.shop.view.PaymentAlert;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.generated.Tables.PAYMENT_ALERTS;
import static org.jooq.impl.DSL.noCondition;

/** Payment alerts in PostgreSQL, newest first by id. */
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
        return toDomain(r);
    }

    @Override
    public List<PaymentAlert> latest(Optional<Long> beforeId, int limit) {
        return dsl.selectFrom(PAYMENT_ALERTS)
                .where(beforeId.map(PAYMENT_ALERTS.ID::lt).orElse(noCondition()))
                .orderBy(PAYMENT_ALERTS.ID.desc()).limit(limit).fetch(JooqPaymentAlerts::toDomain);
    }

    private static PaymentAlert toDomain(PaymentAlertsRecord r) {
        return new PaymentAlert(r.getId(), PaymentAlert.Kind.valueOf(r.getKind()), Optional.ofNullable(r.getOrderNo()),
                Optional.ofNullable(r.getTradeNo()), r.getDetail(), Rows.instant(r.getCreatedAt()));
    }
}

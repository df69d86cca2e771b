package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.records.OrdersRecord;
import io.invitehub.application.shop.port.out.FulfilmentJob;
import io.invitehub.application.shop.port.out.OrderKey;
import io.invitehub.application.shop.port.out.OrderToPay;
import io.invitehub.application.shop.port.out.Orders;
import io.invitehub.application.shop.view.OrderStats;
import io.invitehub.domain.order.Fulfilment;
import io.invitehub.domain.order.FulfilmentStatus;
import io.invitehub.domain.order.NewOrder;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderId;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.OrderStatus;
import io.invitehub.domain.order.PayType;
import io.invitehub.domain.order.PlanId;
import io.invitehub.domain.order.PlanType;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.UserId;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.generated.Tables.ORDERS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.least;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;

/**
 * Orders in PostgreSQL. Payment moves are conditional updates on the status; the fulfilment outbox is
 * the partial index {@code orders_fulfilment_idx} over {@code fulfillment_next_at} (the due time of a
 * PENDING fulfilment, the lease end of a PROCESSING one), claimed with {@code FOR UPDATE SKIP LOCKED};
 * every write of a claimed order names the claim token. Statuses in predicates are literals, never
 * bound: a generic plan must still see the partial indexes' {@code status = 'PENDING'} (ADR 23).
 */
final class JooqOrders implements Orders {
    private final DSLContext dsl;

    JooqOrders(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Order create(NewOrder o) {
        try {
            OrdersRecord r = dsl.insertInto(ORDERS)
                    .set(ORDERS.ORDER_NO, o.orderNo().value())
                    .set(ORDERS.ORDER_TYPE, PlanType.DISTRIBUTOR_CODES.name())
                    .set(ORDERS.PLAN_ID, o.planId().value())
                    .set(ORDERS.BUYER_ID, o.buyer().value())
                    .set(ORDERS.QUANTITY, o.quantity())
                    .set(ORDERS.CODES_TOTAL, o.codesTotal())
                    .set(ORDERS.CODE_MAX_USES, o.codeMaxUses())
                    .set(ORDERS.CODE_VALIDITY_DAYS, o.codeValidityDays())
                    .set(ORDERS.AMOUNT_MINOR, o.amount().minorUnits())
                    .set(ORDERS.FINAL_AMOUNT_MINOR, o.finalAmount().minorUnits())
                    .set(ORDERS.CURRENCY, o.finalAmount().currency().getCurrencyCode())
                    .set(ORDERS.PAY_TYPE, o.payType().value())
                    .set(ORDERS.EXPIRE_AT, Rows.at(o.expireAt()))
                    .set(ORDERS.CREATED_AT, Rows.at(o.createdAt()))
                    .set(ORDERS.UPDATED_AT, Rows.at(o.createdAt()))
                    .returning().fetchOne();
            return toDomain(r);
        } catch (DataAccessException e) {
            throw Rows.uniqueViolation(e, Rows.refusal("orders_order_no_key", ErrorCode.CONFLICT, "order number taken"));
        }
    }

    @Override
    public Optional<Order> findByNo(OrderNo orderNo) {
        return dsl.selectFrom(ORDERS).where(ORDERS.ORDER_NO.eq(orderNo.value())).fetchOptional().map(JooqOrders::toDomain);
    }

    @Override
    public Optional<Order> lockByNo(OrderNo orderNo) {
        return dsl.selectFrom(ORDERS).where(ORDERS.ORDER_NO.eq(orderNo.value())).forUpdate().fetchOptional().map(JooqOrders::toDomain);
    }

    /** The other order of the trade, in the statement that locks the order (ADR 73): one round trip of the notify less. */
    @Override
    public Optional<OrderToPay> lockForPayment(OrderNo orderNo, String tradeNo) {
        io.invitehub.adapter.out.persistence.generated.tables.Orders other = ORDERS.as("other");
        Field<String> paidOther = DSL.field(DSL.select(other.ORDER_NO).from(other)
                .where(other.TRADE_NO.eq(tradeNo)).and(other.ID.ne(ORDERS.ID)));
        return dsl.select(ORDERS.asterisk(), paidOther.as("trade_paid_other")).from(ORDERS)
                .where(ORDERS.ORDER_NO.eq(orderNo.value())).forUpdate().of(ORDERS)
                .fetchOptional()
                .map(r -> new OrderToPay(toDomain(r.into(ORDERS)),
                        Optional.ofNullable(r.get("trade_paid_other", String.class)).map(OrderNo::new)));
    }

    @Override
    public boolean markPaid(OrderId id, String tradeNo, Instant paidAt) {
        try {
            return dsl.update(ORDERS)
                    .set(ORDERS.STATUS, OrderStatus.PAID.name())
                    .set(ORDERS.TRADE_NO, tradeNo)
                    .set(ORDERS.PAID_AT, Rows.at(paidAt))
                    .set(ORDERS.FULFILLMENT_STATUS, FulfilmentStatus.PENDING.name())
                    .set(ORDERS.FULFILLMENT_NEXT_AT, Rows.at(paidAt))
                    .set(ORDERS.UPDATED_AT, currentOffsetDateTime())
                    .where(ORDERS.ID.eq(id.value())).and(ORDERS.STATUS.eq(inline(OrderStatus.PENDING.name())))
                    .execute() > 0;
        } catch (DataAccessException e) {
            throw Rows.uniqueViolation(e, Rows.refusal("orders_trade_no_key", ErrorCode.CONFLICT, "trade number already used"));
        }
    }

    @Override
    public int expireDue(Instant now, int limit) {
        return dsl.execute("update orders set status = 'EXPIRED', updated_at = now() where id in ("
                + " select id from orders where status = 'PENDING' and expire_at <= ?::timestamptz order by expire_at"
                + " limit ? for update skip locked)", Rows.at(now), limit);
    }

    @Override
    public List<Order> list(Optional<UserId> buyer, Optional<OrderStatus> status, Optional<OrderKey> after, int limit) {
        Condition condition = buyer.map(b -> ORDERS.BUYER_ID.eq(b.value())).orElse(noCondition())
                .and(status.map(s -> ORDERS.STATUS.eq(inline(s.name()))).orElse(noCondition()))
                .and(after.map(k -> row(ORDERS.CREATED_AT, ORDERS.ID).lt(Rows.at(k.createdAt()), k.id())).orElse(noCondition()));
        return dsl.selectFrom(ORDERS).where(condition).orderBy(ORDERS.CREATED_AT.desc(), ORDERS.ID.desc()).limit(limit)
                .fetch(JooqOrders::toDomain);
    }

    @Override
    public OrderStats stats(Instant paidSince, Currency currency) {
        Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
        Map<OrderStatus, Money> amounts = new EnumMap<>(OrderStatus.class);
        for (OrderStatus s : OrderStatus.values()) {
            counts.put(s, 0L);
            amounts.put(s, Money.zero(currency));
        }
        for (Record r : dsl.fetch("select status, count(*), coalesce(sum(final_amount_minor), 0)::bigint from orders"
                + " where currency = ? group by status", currency.getCurrencyCode())) {
            OrderStatus s = OrderStatus.valueOf(r.get(0, String.class));
            counts.put(s, r.get(1, Long.class));
            amounts.put(s, Money.ofMinor(r.get(2, Long.class), currency));
        }
        Record today = dsl.fetchOne("select count(*), coalesce(sum(final_amount_minor), 0)::bigint from orders"
                + " where currency = ? and paid_at >= ?::timestamptz and status in ('PAID', 'REFUNDED')", currency.getCurrencyCode(), Rows.at(paidSince));
        Record fulfilment = dsl.fetchOne("select coalesce(sum(delivered_count), 0)::bigint,"
                + " count(*) filter (where status = 'PAID' and fulfillment_status = 'FAILED'),"
                + " count(*) filter (where status = 'PAID' and fulfillment_status in ('PENDING', 'PROCESSING'))"
                + " from orders where status in ('PAID', 'REFUNDED')");
        return new OrderStats(counts, amounts, today.get(0, Long.class), Money.ofMinor(today.get(1, Long.class), currency),
                fulfilment.get(0, Long.class), fulfilment.get(1, Long.class), fulfilment.get(2, Long.class));
    }

    @Override
    public Optional<FulfilmentJob> claimForFulfilment(Instant now, Duration lease) {
        Instant until = now.plus(lease);
        return dsl.resultQuery("with due as ("
                        + " select id from orders where status = 'PAID' and fulfillment_status in ('PENDING', 'PROCESSING')"
                        + " and fulfillment_next_at <= ?::timestamptz order by fulfillment_next_at, id limit 1 for update skip locked)"
                        + " update orders o set fulfillment_status = 'PROCESSING', fulfillment_attempts = o.fulfillment_attempts + 1,"
                        + " fulfillment_claim = gen_random_uuid()::varchar, fulfillment_next_at = ?::timestamptz, updated_at = now()"
                        + " from due where o.id = due.id returning o.*", Rows.at(now), Rows.at(until))
                .fetchInto(ORDERS).stream().findFirst()
                .map(r -> new FulfilmentJob(toDomain(r), r.getFulfillmentClaim()));
    }

    @Override
    public boolean recordDelivery(FulfilmentJob job, int count, Instant leaseUntil) {
        // under READ COMMITTED a fence that waited for another batch's fence re-reads the row that batch committed
        // (or the one before, when it rolled back) and adds to it; the lease only moves forward
        return dsl.update(ORDERS)
                .set(ORDERS.DELIVERED_COUNT, ORDERS.DELIVERED_COUNT.plus(count))
                .set(ORDERS.FULFILLMENT_NEXT_AT, DSL.greatest(ORDERS.FULFILLMENT_NEXT_AT, DSL.val(Rows.at(leaseUntil))))
                .set(ORDERS.UPDATED_AT, currentOffsetDateTime())
                .where(claimed(job)).and(ORDERS.DELIVERED_COUNT.plus(count).le(ORDERS.CODES_TOTAL))
                .execute() > 0;
    }

    @Override
    public boolean completeFulfilment(FulfilmentJob job) {
        return dsl.update(ORDERS)
                .set(ORDERS.FULFILLMENT_STATUS, FulfilmentStatus.COMPLETED.name())
                .set(ORDERS.FULFILLMENT_CLAIM, (String) null)
                .set(ORDERS.FULFILLMENT_NEXT_AT, (java.time.OffsetDateTime) null)
                .set(ORDERS.FULFILLMENT_ERROR, (String) null)
                .set(ORDERS.FULFILLED_AT, currentOffsetDateTime())
                .set(ORDERS.UPDATED_AT, currentOffsetDateTime())
                .where(claimed(job)).and(ORDERS.DELIVERED_COUNT.eq(ORDERS.CODES_TOTAL))
                .execute() > 0;
    }

    @Override
    public boolean fulfilmentAttemptFailed(FulfilmentJob job, String error, Optional<Instant> retryAt) {
        return dsl.update(ORDERS)
                .set(ORDERS.FULFILLMENT_STATUS, (retryAt.isPresent() ? FulfilmentStatus.PENDING : FulfilmentStatus.FAILED).name())
                .set(ORDERS.FULFILLMENT_CLAIM, (String) null)
                .set(ORDERS.FULFILLMENT_NEXT_AT, Rows.at(retryAt.orElse(null)))
                .set(ORDERS.FULFILLMENT_ERROR, error)
                .set(ORDERS.UPDATED_AT, currentOffsetDateTime())
                .where(claimed(job))
                .execute() > 0;
    }

    @Override
    public boolean retryFulfilment(OrderId id, Instant now) {
        return dsl.update(ORDERS)
                .set(ORDERS.FULFILLMENT_STATUS, FulfilmentStatus.PENDING.name())
                .set(ORDERS.FULFILLMENT_ATTEMPTS, 0)
                .set(ORDERS.FULFILLMENT_NEXT_AT, Rows.at(now))
                .set(ORDERS.UPDATED_AT, currentOffsetDateTime())
                .where(ORDERS.ID.eq(id.value())).and(ORDERS.STATUS.eq(inline(OrderStatus.PAID.name())))
                .and(ORDERS.FULFILLMENT_STATUS.eq(inline(FulfilmentStatus.FAILED.name())))
                .execute() > 0;
    }

    @Override
    public boolean cancel(OrderId id, Instant now) {
        return dsl.update(ORDERS)
                .set(ORDERS.STATUS, OrderStatus.CANCELLED.name())
                .set(ORDERS.CANCELLED_AT, Rows.at(now))
                .set(ORDERS.UPDATED_AT, currentOffsetDateTime())
                .where(ORDERS.ID.eq(id.value())).and(ORDERS.STATUS.eq(inline(OrderStatus.PENDING.name())))
                .execute() > 0;
    }

    @Override
    public boolean refund(OrderId id, Instant now) {
        return dsl.update(ORDERS)
                .set(ORDERS.STATUS, OrderStatus.REFUNDED.name())
                .set(ORDERS.REFUNDED_AT, Rows.at(now))
                // a fulfilment still running stops: the worker's fenced writes require PAID
                .set(ORDERS.FULFILLMENT_STATUS, when(ORDERS.FULFILLMENT_STATUS.eq(inline(FulfilmentStatus.COMPLETED.name())),
                        ORDERS.FULFILLMENT_STATUS).otherwise(inline(FulfilmentStatus.FAILED.name())))
                .set(ORDERS.FULFILLMENT_ERROR, when(ORDERS.FULFILLMENT_STATUS.eq(inline(FulfilmentStatus.COMPLETED.name())),
                        ORDERS.FULFILLMENT_ERROR).otherwise(inline("refunded before every code was delivered")))
                .set(ORDERS.FULFILLMENT_NEXT_AT, (java.time.OffsetDateTime) null)
                .set(ORDERS.FULFILLMENT_CLAIM, (String) null)
                .set(ORDERS.UPDATED_AT, currentOffsetDateTime())
                .where(ORDERS.ID.eq(id.value())).and(ORDERS.STATUS.eq(inline(OrderStatus.PAID.name())))
                .execute() > 0;
    }

    @Override
    public boolean returnedFromGateway(OrderNo orderNo, Instant now, Instant queryAt) {
        return dsl.update(ORDERS)
                .set(ORDERS.RETURNED_AT, coalesce(ORDERS.RETURNED_AT, val(Rows.at(now))))
                .set(ORDERS.QUERY_NEXT_AT, least(coalesce(ORDERS.QUERY_NEXT_AT, val(Rows.at(queryAt))), val(Rows.at(queryAt))))
                .where(ORDERS.ORDER_NO.eq(orderNo.value())).and(ORDERS.STATUS.eq(inline(OrderStatus.PENDING.name())))
                .execute() > 0;
    }

    @Override
    public List<Order> claimDueQueries(Instant now, Duration backoff, Duration maxBackoff, int limit) {
        // next = now + least(backoff × 2^attempts, maxBackoff); attempts capped in the exponent so it never overflows
        return dsl.resultQuery("update orders o set query_attempts = o.query_attempts + 1,"
                        + " query_next_at = ?::timestamptz + least(? * power(2, least(o.query_attempts, 20)), ?) * interval '1 millisecond'"
                        + " from (select id from orders where status = 'PENDING' and query_next_at <= ?::timestamptz"
                        + " order by query_next_at limit ? for update skip locked) due"
                        + " where o.id = due.id returning o.*",
                        Rows.at(now), backoff.toMillis(), maxBackoff.toMillis(), Rows.at(now), limit)
                .fetchInto(ORDERS).map(JooqOrders::toDomain);
    }

    private static Condition claimed(FulfilmentJob job) {
        return ORDERS.ID.eq(job.order().id().value()).and(ORDERS.FULFILLMENT_CLAIM.eq(job.claim()))
                .and(ORDERS.STATUS.eq(inline(OrderStatus.PAID.name())))
                .and(ORDERS.FULFILLMENT_STATUS.eq(inline(FulfilmentStatus.PROCESSING.name())));
    }

    static Order toDomain(OrdersRecord r) {
        Currency currency = Currency.getInstance(r.getCurrency());
        return Order.restore(new OrderId(r.getId()), new OrderNo(r.getOrderNo()), new PlanId(r.getPlanId()),
                Optional.ofNullable(r.getBuyerId()).map(UserId::new), r.getQuantity(), r.getCodesTotal(),
                r.getCodeMaxUses(), r.getCodeValidityDays(), Money.ofMinor(r.getAmountMinor(), currency),
                Money.ofMinor(r.getFinalAmountMinor(), currency), OrderStatus.valueOf(r.getStatus()),
                Optional.ofNullable(r.getPayType()).map(PayType::of), Optional.ofNullable(r.getTradeNo()),
                Rows.instant(r.getCreatedAt()), Rows.instant(r.getExpireAt()), Optional.ofNullable(Rows.instant(r.getPaidAt())),
                new Fulfilment(FulfilmentStatus.valueOf(r.getFulfillmentStatus()), r.getDeliveredCount(),
                        r.getFulfillmentAttempts(), Optional.ofNullable(r.getFulfillmentError())));
    }

}

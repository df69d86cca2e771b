package io.invitehub.domain.order;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderTest {
    private static final Instant NOW = Instant.parse("2025-03-01T02:00:00Z");
    private static final PayType ALIPAY = PayType.of("alipay");
    private static final Plan PLAN = new Plan(new PlanId(1), new PlanSpec("Pack", PlanType.DISTRIBUTOR_CODES,
            Money.ofMinor(990, Money.CNY), Optional.empty(), 3, 1, 30, true, false, 0, Optional.empty()));
    private static final OrderNo NO = OrderNo.compose(LocalDateTime.of(2025, 3, 1, 10, 0, 5), "0A1B2C3D");

    @Test
    void orderNumbersAreAStampAndEightHexDigits() {
        assertThat(NO.value()).isEqualTo("202503011000050A1B2C3D");
        assertThat(new OrderNo(" 202503011000050a1b2c3d ").value()).isEqualTo("202503011000050A1B2C3D");
        assertThatThrownBy(() -> new OrderNo("2025030110000G0A1B2C3D")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new OrderNo("20250301100005")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> OrderNo.compose(LocalDateTime.now(), "0a1b2c3d")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNewOrderCopiesThePackAndCostsPriceTimesQuantityWithinTheLimits() {
        NewOrder o = NewOrder.forDistributor(PLAN, new UserId(7), 4, ALIPAY, NO, NOW, Duration.ofMinutes(15), 100_000);
        assertThat(o.codesTotal()).isEqualTo(12);
        assertThat(o.finalAmount()).isEqualTo(Money.ofMinor(3960, Money.CNY));
        assertThat(o.expireAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThatThrownBy(() -> NewOrder.forDistributor(PLAN, new UserId(7), 0, ALIPAY, NO, NOW, Duration.ofMinutes(15), 100_000))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> NewOrder.forDistributor(PLAN, new UserId(7), 101, ALIPAY, NO, NOW, Duration.ofMinutes(15), 100_000))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> NewOrder.forDistributor(PLAN, new UserId(7), 4, ALIPAY, NO, NOW, Duration.ofMinutes(15), 11))
                .isInstanceOf(DomainException.class).hasMessageContaining("at most 11 codes");
    }

    @Test
    void planSpecsRefuseBadValues() {
        assertThatThrownBy(() -> new PlanSpec(" ", PlanType.DISTRIBUTOR_CODES, Money.ofMinor(1, Money.CNY), Optional.empty(), 1, 1, 30,
                true, false, 0, Optional.empty())).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new PlanSpec("P", PlanType.DISTRIBUTOR_CODES, Money.ofMinor(-1, Money.CNY), Optional.empty(), 1, 1, 30,
                true, false, 0, Optional.empty())).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new PlanSpec("P", PlanType.DISTRIBUTOR_CODES, Money.ofMinor(1, Money.CNY), Optional.empty(), 0, 1, 30,
                true, false, 0, Optional.empty())).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new PlanSpec("P", PlanType.DISTRIBUTOR_CODES, Money.ofMinor(1, Money.CNY), Optional.empty(), 1, 1, 0,
                true, false, 0, Optional.empty())).isInstanceOf(DomainException.class);
    }

    /** Issue 10: a price is bounded (1 000 000.00), so price × quantity can never overflow into a 500. */
    @Test
    void aPlanPriceIsBounded() {
        Money max = Money.ofMinor(PlanSpec.MAX_PRICE_MINOR, Money.CNY);
        assertThat(PlanSpec.MAX_PRICE_MINOR).isEqualTo(100_000_000L);
        PlanSpec dearest = new PlanSpec("P", PlanType.DISTRIBUTOR_CODES, max, Optional.of(max), 1, 1, 30, true, false, 0, Optional.empty());
        assertThat(dearest.price()).isEqualTo(max);
        assertThatThrownBy(() -> new PlanSpec("P", PlanType.DISTRIBUTOR_CODES, Money.ofMinor(PlanSpec.MAX_PRICE_MINOR + 1, Money.CNY),
                Optional.empty(), 1, 1, 30, true, false, 0, Optional.empty()))
                .isInstanceOf(DomainException.class).hasMessage("price must be at most 1000000.00");
        assertThatThrownBy(() -> new PlanSpec("P", PlanType.DISTRIBUTOR_CODES, max, Optional.of(Money.ofMinor(Long.MAX_VALUE, Money.CNY)),
                1, 1, 30, true, false, 0, Optional.empty()))
                .isInstanceOf(DomainException.class).hasMessage("original_price must be at most 1000000.00");
    }

    private static Order order(OrderStatus status, Optional<String> trade) {
        return Order.restore(new OrderId(1), NO, PLAN.id(), Optional.of(new UserId(7)), 1, 3, 1, 30, Money.ofMinor(990, Money.CNY),
                Money.ofMinor(990, Money.CNY), status, Optional.of(ALIPAY), trade, NOW, NOW.plus(Duration.ofMinutes(15)),
                trade.map(t -> NOW), new Fulfilment(FulfilmentStatus.PENDING, 0, 0, Optional.empty()));
    }

    @Test
    void paymentsAreJudgedByStateExpiryExactAmountAndChannel() {
        Money paid = Money.ofMinor(990, Money.CNY);
        Order pending = order(OrderStatus.PENDING, Optional.empty());
        assertThat(pending.judgePayment("T", paid, ALIPAY, NOW)).isEqualTo(PaymentVerdict.ACCEPT);
        assertThat(pending.judgePayment("T", Money.ofMinor(989, Money.CNY), ALIPAY, NOW)).isEqualTo(PaymentVerdict.AMOUNT_MISMATCH);
        assertThat(pending.judgePayment("T", Money.ofMinor(990, java.util.Currency.getInstance("USD")), ALIPAY, NOW))
                .isEqualTo(PaymentVerdict.AMOUNT_MISMATCH);
        assertThat(pending.judgePayment("T", paid, PayType.of("wxpay"), NOW)).isEqualTo(PaymentVerdict.PAY_TYPE_MISMATCH);
        assertThat(pending.judgePayment("T", paid, ALIPAY, NOW.plus(Duration.ofMinutes(15)))).isEqualTo(PaymentVerdict.ORDER_CLOSED);
        Order paidOrder = order(OrderStatus.PAID, Optional.of("T"));
        assertThat(paidOrder.judgePayment("T", paid, ALIPAY, NOW.plus(Duration.ofDays(1)))).isEqualTo(PaymentVerdict.ALREADY_PAID);
        assertThat(paidOrder.judgePayment("U", paid, ALIPAY, NOW)).isEqualTo(PaymentVerdict.PAID_TWICE);
        assertThat(paidOrder.judgePayment("T", Money.ofMinor(1, Money.CNY), ALIPAY, NOW)).as("the paying trade, another amount")
                .isEqualTo(PaymentVerdict.REPEAT_DIFFERS);
        assertThat(paidOrder.judgePayment("T", paid, PayType.of("wxpay"), NOW)).as("the paying trade, another channel")
                .isEqualTo(PaymentVerdict.REPEAT_DIFFERS);
        assertThat(PaymentVerdict.REPEAT_DIFFERS.success()).isTrue();
        assertThat(PaymentVerdict.REPEAT_DIFFERS.alert()).isTrue();
        for (OrderStatus closed : new OrderStatus[]{OrderStatus.EXPIRED, OrderStatus.CANCELLED, OrderStatus.REFUNDED}) {
            assertThat(order(closed, closed == OrderStatus.REFUNDED ? Optional.of("T") : Optional.empty())
                    .judgePayment("X", paid, ALIPAY, NOW)).isEqualTo(PaymentVerdict.ORDER_CLOSED);
        }
        assertThat(PaymentVerdict.ALREADY_PAID.success()).isTrue();
        assertThat(PaymentVerdict.ORDER_CLOSED.success()).isFalse();
        assertThat(PaymentVerdict.ORDER_CLOSED.alert()).isTrue();
    }

    @Test
    void lifecyclesRefuseIllegalMoves() {
        assertThat(OrderStatus.PENDING.canMoveTo(OrderStatus.PAID)).isTrue();
        assertThat(OrderStatus.PAID.canMoveTo(OrderStatus.REFUNDED)).isTrue();
        assertThat(OrderStatus.EXPIRED.canMoveTo(OrderStatus.PAID)).isFalse();
        assertThat(OrderStatus.PAID.canMoveTo(OrderStatus.PENDING)).isFalse();
        assertThat(FulfilmentStatus.PENDING.canMoveTo(FulfilmentStatus.PROCESSING)).isTrue();
        assertThat(FulfilmentStatus.PROCESSING.canMoveTo(FulfilmentStatus.COMPLETED)).isTrue();
        assertThat(FulfilmentStatus.FAILED.canMoveTo(FulfilmentStatus.PENDING)).isTrue();
        assertThat(FulfilmentStatus.COMPLETED.canMoveTo(FulfilmentStatus.PENDING)).isFalse();
        assertThat(FulfilmentStatus.PENDING.canMoveTo(FulfilmentStatus.COMPLETED)).isFalse();
    }

    @Test
    void onlyTheBuyerCancelsAndOnlyWhilePendingOnlyAPaidOrderIsRefunded() {
        Order pending = order(OrderStatus.PENDING, Optional.empty());
        pending.checkCancellableBy(new UserId(7));
        assertThatThrownBy(() -> pending.checkCancellableBy(new UserId(8))).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(io.invitehub.domain.shared.ErrorCode.NOT_FOUND);
        for (OrderStatus other : new OrderStatus[]{OrderStatus.PAID, OrderStatus.EXPIRED, OrderStatus.CANCELLED, OrderStatus.REFUNDED}) {
            Order o = order(other, other == OrderStatus.PENDING ? Optional.empty() : Optional.of("T"));
            assertThatThrownBy(() -> o.checkCancellableBy(new UserId(7))).isInstanceOf(DomainException.class)
                    .extracting(e -> ((DomainException) e).code()).isEqualTo(io.invitehub.domain.shared.ErrorCode.ORDER_NOT_CANCELLABLE);
        }
        order(OrderStatus.PAID, Optional.of("T")).checkRefundable();
        for (OrderStatus other : new OrderStatus[]{OrderStatus.PENDING, OrderStatus.EXPIRED, OrderStatus.CANCELLED, OrderStatus.REFUNDED}) {
            Order o = order(other, Optional.of("T"));
            assertThatThrownBy(o::checkRefundable).isInstanceOf(DomainException.class)
                    .extracting(e -> ((DomainException) e).code()).isEqualTo(io.invitehub.domain.shared.ErrorCode.ORDER_NOT_REFUNDABLE);
        }
    }
}

package io.invitehub.application.contract;

import io.invitehub.application.shop.port.out.FulfilmentJob;
import io.invitehub.application.shop.port.out.OrderKey;
import io.invitehub.application.shop.port.out.OrderToPay;
import io.invitehub.application.shop.port.out.Plans;
import io.invitehub.application.shop.view.OrderStats;
import io.invitehub.application.shop.view.PaymentAlert;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.order.FulfilmentStatus;
import io.invitehub.domain.order.NewOrder;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.OrderStatus;
import io.invitehub.domain.order.PayType;
import io.invitehub.domain.order.Plan;
import io.invitehub.domain.order.PlanSpec;
import io.invitehub.domain.order.PlanType;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Plans, Orders and PaymentAlerts contracts: the fakes and jOOQ must behave alike. */
public abstract class AbstractShopStorageContract extends StorageContractSupport {
    private static final PayType ALIPAY = PayType.of("alipay");
    private int orderCounter;

    protected static PlanSpec spec(String name, long priceFen, int codeCount, boolean active) {
        return new PlanSpec(name, PlanType.DISTRIBUTOR_CODES, Money.ofMinor(priceFen, Money.CNY), Optional.empty(), codeCount,
                1, 30, active, false, 0, Optional.of("a pack"));
    }

    protected Plan newPlan(long priceFen, int codeCount) {
        return tx(() -> storage.plans().create(spec("Pack " + codeCount, priceFen, codeCount, true)));
    }

    protected Order newOrder(Plan plan, User buyer, int quantity, Instant at) {
        OrderNo no = OrderNo.compose(LocalDateTime.of(2025, 3, 1, 10, 0), String.format("%08X", ++orderCounter));
        NewOrder draft = NewOrder.forDistributor(plan, buyer.id(), quantity, ALIPAY, no, at, Duration.ofMinutes(15), 100_000);
        return tx(() -> storage.orders().create(draft));
    }

    @Test
    void plansAreCreatedUpdatedListedInOrderAndDeletedOnlyWhenNoOrderRefersToThem() {
        Plan b = tx(() -> storage.plans().create(new PlanSpec("B", PlanType.DISTRIBUTOR_CODES, Money.ofMinor(990, Money.CNY),
                Optional.of(Money.ofMinor(1990, Money.CNY)), 10, 2, 60, true, true, 2, Optional.empty())));
        Plan a = tx(() -> storage.plans().create(spec("A", 500, 5, true)));
        Plan hidden = tx(() -> storage.plans().create(spec("Hidden", 500, 5, false)));
        assertThat(storage.plans().findById(b.id())).contains(b);
        assertThat(b.spec().originalPrice()).contains(Money.ofMinor(1990, Money.CNY));
        assertThat(storage.plans().all()).extracting(Plan::id).containsExactly(a.id(), hidden.id(), b.id());
        assertThat(storage.plans().onSale(PlanType.DISTRIBUTOR_CODES)).extracting(Plan::id).containsExactly(a.id(), b.id());

        Plan changed = tx(() -> storage.plans().update(a.id(), spec("A2", 700, 6, false))).orElseThrow();
        assertThat(changed.spec().name()).isEqualTo("A2");
        assertThat(storage.plans().findById(a.id()).orElseThrow().spec().price()).isEqualTo(Money.ofMinor(700, Money.CNY));

        User buyer = newDistributor();
        newOrder(b, buyer, 1, NOW);
        assertThat(tx(() -> storage.plans().delete(b.id()))).isEqualTo(Plans.Deletion.REFERENCED);
        assertThat(tx(() -> storage.plans().delete(a.id()))).isEqualTo(Plans.Deletion.DELETED);
        assertThat(tx(() -> storage.plans().delete(a.id()))).isEqualTo(Plans.Deletion.NOT_FOUND);
        assertThat(storage.plans().findById(b.id())).isPresent();
    }

    @Test
    void anOrderIsStoredWithItsPackAndAmountsAndADuplicateNumberIsAConflict() {
        Plan plan = newPlan(1250, 20);
        User buyer = newDistributor();
        Order order = newOrder(plan, buyer, 3, NOW);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.codesTotal()).isEqualTo(60);
        assertThat(order.finalAmount()).isEqualTo(Money.ofMinor(3750, Money.CNY));
        assertThat(order.expireAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(order.fulfilment().status()).isEqualTo(FulfilmentStatus.PENDING);
        assertThat(storage.orders().findByNo(order.orderNo())).hasValueSatisfying(o -> {
            assertThat(o.id()).isEqualTo(order.id());
            assertThat(o.createdAt()).isEqualTo(NOW);
            assertThat(o.payType()).contains(ALIPAY);
        });
        NewOrder again = new NewOrder(order.orderNo(), plan.id(), buyer.id(), 1, 20, 1, 30, Money.ofMinor(1, Money.CNY),
                Money.ofMinor(1, Money.CNY), ALIPAY, NOW, NOW.plusSeconds(60));
        assertThatThrownBy(() -> tx(() -> storage.orders().create(again)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }

    /** ADR 73: the notify's lock also answers which other order its trade already paid. */
    @Test
    void lockForPaymentReturnsTheOrderAndTheOtherOrderItsTradeAlreadyPaid() {
        Plan plan = newPlan(100, 2);
        User buyer = newDistributor();
        Order first = newOrder(plan, buyer, 1, NOW);
        Order second = newOrder(plan, buyer, 1, NOW);
        OrderToPay fresh = tx(() -> storage.orders().lockForPayment(second.orderNo(), "T-L")).orElseThrow();
        assertThat(fresh.order().id()).isEqualTo(second.id());
        assertThat(fresh.order().status()).isEqualTo(OrderStatus.PENDING);
        assertThat(fresh.tradePaidOther()).isEmpty();

        tx(() -> storage.orders().markPaid(first.id(), "T-L", NOW));
        OrderToPay reused = tx(() -> storage.orders().lockForPayment(second.orderNo(), "T-L")).orElseThrow();
        assertThat(reused.order().id()).isEqualTo(second.id());
        assertThat(reused.tradePaidOther()).contains(first.orderNo());
        OrderToPay itself = tx(() -> storage.orders().lockForPayment(first.orderNo(), "T-L")).orElseThrow();
        assertThat(itself.order().status()).isEqualTo(OrderStatus.PAID);
        assertThat(itself.tradePaidOther()).as("the order its own trade paid is not another").isEmpty();
        assertThat(tx(() -> storage.orders().lockForPayment(OrderNo.compose(LocalDateTime.of(2025, 1, 1, 0, 0), "0000DEAD"), "T-L")))
                .isEmpty();
    }

    @Test
    void markPaidMovesOnlyAPendingOrderAndTradeNumbersAreUnique() {
        Plan plan = newPlan(100, 2);
        User buyer = newDistributor();
        Order first = newOrder(plan, buyer, 1, NOW);
        Order second = newOrder(plan, buyer, 1, NOW);
        assertThat(tx(() -> storage.orders().markPaid(first.id(), "T-1", NOW))).isTrue();
        assertThat(tx(() -> storage.orders().markPaid(first.id(), "T-1", NOW))).isFalse();
        Order paid = storage.orders().findByNo(first.orderNo()).orElseThrow();
        assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
        assertThat(paid.tradeNo()).contains("T-1");
        assertThat(paid.paidAt()).contains(NOW);
        assertThat(tx(() -> storage.orders().lockForPayment(second.orderNo(), "T-1")).orElseThrow().tradePaidOther())
                .contains(first.orderNo());
        assertThatThrownBy(() -> tx(() -> storage.orders().markPaid(second.id(), "T-1", NOW)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(storage.orders().findByNo(second.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void expiryClosesOnlyPendingOrdersPastTheirTime() {
        Plan plan = newPlan(100, 2);
        User buyer = newDistributor();
        Order old = newOrder(plan, buyer, 1, NOW.minus(Duration.ofMinutes(20)));
        Order paidOld = newOrder(plan, buyer, 1, NOW.minus(Duration.ofMinutes(20)));
        Order fresh = newOrder(plan, buyer, 1, NOW);
        tx(() -> storage.orders().markPaid(paidOld.id(), "T-9", NOW.minus(Duration.ofMinutes(19))));
        assertThat(tx(() -> storage.orders().expireDue(NOW, 100))).isEqualTo(1);
        assertThat(tx(() -> storage.orders().expireDue(NOW, 100))).isZero();
        assertThat(storage.orders().findByNo(old.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(storage.orders().findByNo(paidOld.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
        assertThat(storage.orders().findByNo(fresh.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void listsAreNewestFirstPerBuyerWithAKeysetAndStatsCountRealAmounts() {
        Plan plan = newPlan(300, 2);
        User a = newDistributor();
        User b = newDistributor();
        Order a1 = newOrder(plan, a, 1, NOW);
        Order a2 = newOrder(plan, a, 2, NOW.plusSeconds(1));
        Order a3 = newOrder(plan, a, 3, NOW.plusSeconds(1));
        Order b1 = newOrder(plan, b, 1, NOW.plusSeconds(2));
        List<Order> page1 = storage.orders().list(Optional.of(a.id()), Optional.empty(), Optional.empty(), 2);
        assertThat(page1).extracting(Order::id).containsExactly(a3.id(), a2.id());
        OrderKey key = new OrderKey(a2.createdAt(), a2.id().value());
        assertThat(storage.orders().list(Optional.of(a.id()), Optional.empty(), Optional.of(key), 2)).extracting(Order::id)
                .containsExactly(a1.id());
        assertThat(storage.orders().list(Optional.empty(), Optional.empty(), Optional.empty(), 10)).extracting(Order::id)
                .containsExactly(b1.id(), a3.id(), a2.id(), a1.id());

        tx(() -> storage.orders().markPaid(a2.id(), "T-a2", NOW.plusSeconds(5)));
        tx(() -> storage.orders().markPaid(a3.id(), "T-a3", NOW.minus(Duration.ofDays(1))));
        assertThat(storage.orders().list(Optional.empty(), Optional.of(OrderStatus.PAID), Optional.empty(), 10))
                .extracting(Order::id).containsExactly(a3.id(), a2.id());
        OrderStats stats = storage.orders().stats(NOW, Money.CNY);
        assertThat(stats.countByStatus().get(OrderStatus.PAID)).isEqualTo(2);
        assertThat(stats.countByStatus().get(OrderStatus.PENDING)).isEqualTo(2);
        assertThat(stats.amountByStatus().get(OrderStatus.PAID)).isEqualTo(Money.ofMinor(1500, Money.CNY));
        assertThat(stats.amountByStatus().get(OrderStatus.PENDING)).isEqualTo(Money.ofMinor(600, Money.CNY));
        assertThat(stats.paidSinceCount()).isEqualTo(1);
        assertThat(stats.paidSinceAmount()).isEqualTo(Money.ofMinor(600, Money.CNY));
        assertThat(stats.fulfilmentOpen()).isEqualTo(2);
    }

    @Test
    void fulfilmentClaimsAreFencedResumableAndEndCompletedOrFailed() {
        Plan plan = newPlan(100, 5);
        User buyer = newDistributor();
        Order order = newOrder(plan, buyer, 2, NOW);
        assertThat(tx(() -> storage.orders().claimForFulfilment(NOW, Duration.ofMinutes(1)))).isEmpty(); // not paid
        tx(() -> storage.orders().markPaid(order.id(), "T-f", NOW));

        FulfilmentJob job = tx(() -> storage.orders().claimForFulfilment(NOW, Duration.ofMinutes(1))).orElseThrow();
        assertThat(job.order().fulfilment().status()).isEqualTo(FulfilmentStatus.PROCESSING);
        assertThat(job.order().fulfilment().attempts()).isEqualTo(1);
        assertThat(tx(() -> storage.orders().claimForFulfilment(NOW.plusSeconds(30), Duration.ofMinutes(1)))).isEmpty();
        assertThat(tx(() -> storage.orders().recordDelivery(job, 4, NOW.plusSeconds(60)))).isTrue();
        assertThat(tx(() -> storage.orders().recordDelivery(job, 7, NOW.plusSeconds(60)))).as("past codes_total").isFalse();

        // the lease runs out: another worker takes over; the first one can no longer write
        FulfilmentJob second = tx(() -> storage.orders().claimForFulfilment(NOW.plusSeconds(61), Duration.ofMinutes(1))).orElseThrow();
        assertThat(second.claim()).isNotEqualTo(job.claim());
        assertThat(second.order().fulfilment().delivered()).isEqualTo(4);
        assertThat(second.order().fulfilment().attempts()).isEqualTo(2);
        assertThat(tx(() -> storage.orders().recordDelivery(job, 6, NOW.plusSeconds(90)))).as("the claim was lost").isFalse();
        assertThat(tx(() -> storage.orders().completeFulfilment(second))).as("not all delivered").isFalse();
        assertThat(tx(() -> storage.orders().fulfilmentAttemptFailed(second, "boom", Optional.of(NOW.plusSeconds(70))))).isTrue();
        Order retrying = storage.orders().findByNo(order.orderNo()).orElseThrow();
        assertThat(retrying.fulfilment().status()).isEqualTo(FulfilmentStatus.PENDING);
        assertThat(retrying.fulfilment().error()).contains("boom");
        assertThat(tx(() -> storage.orders().claimForFulfilment(NOW.plusSeconds(69), Duration.ofMinutes(1)))).isEmpty();

        FulfilmentJob third = tx(() -> storage.orders().claimForFulfilment(NOW.plusSeconds(70), Duration.ofMinutes(1))).orElseThrow();
        assertThat(tx(() -> storage.orders().fulfilmentAttemptFailed(third, "boom again", Optional.empty()))).isTrue();
        assertThat(storage.orders().findByNo(order.orderNo()).orElseThrow().fulfilment().status()).isEqualTo(FulfilmentStatus.FAILED);
        assertThat(tx(() -> storage.orders().claimForFulfilment(NOW.plus(Duration.ofDays(1)), Duration.ofMinutes(1)))).isEmpty();

        assertThat(tx(() -> storage.orders().retryFulfilment(order.id(), NOW.plusSeconds(100)))).isTrue();
        assertThat(tx(() -> storage.orders().retryFulfilment(order.id(), NOW.plusSeconds(100)))).isFalse();
        FulfilmentJob fourth = tx(() -> storage.orders().claimForFulfilment(NOW.plusSeconds(100), Duration.ofMinutes(1))).orElseThrow();
        assertThat(fourth.order().fulfilment().attempts()).isEqualTo(1);
        Code code = nextCode();
        tx(() -> storage.codes().insertNew(List.of(code), terms(1), Optional.of(order.id()), NOW));
        assertThat(tx(() -> storage.orders().recordDelivery(fourth, 6, NOW.plusSeconds(160)))).isTrue();
        assertThat(tx(() -> storage.orders().recordDelivery(fourth, 1, NOW.plusSeconds(160)))).as("all delivered").isFalse();
        assertThat(tx(() -> storage.orders().completeFulfilment(fourth))).isTrue();
        Order done = storage.orders().findByNo(order.orderNo()).orElseThrow();
        assertThat(done.fulfilment().status()).isEqualTo(FulfilmentStatus.COMPLETED);
        assertThat(done.fulfilment().delivered()).isEqualTo(10);
        assertThat(done.fulfilment().error()).isEmpty();
    }

    @Test
    void cancelRefundAndTheOrderQuerySetMoveOnlyFromTheirState() {
        Plan plan = newPlan(500, 2);
        User buyer = newDistributor();
        Order pending = newOrder(plan, buyer, 1, NOW);
        Order paid = newOrder(plan, buyer, 1, NOW);
        tx(() -> storage.orders().markPaid(paid.id(), "T-refund", NOW));

        // the query set: only returned PENDING orders, due at the earlier time, pushed out by each claim with backoff
        assertThat(tx(() -> storage.orders().returnedFromGateway(paid.orderNo(), NOW, NOW))).isFalse();
        assertThat(tx(() -> storage.orders().returnedFromGateway(pending.orderNo(), NOW, NOW.plusSeconds(20)))).isTrue();
        assertThat(tx(() -> storage.orders().claimDueQueries(NOW.plusSeconds(19), Duration.ofSeconds(30), Duration.ofMinutes(4), 10))).isEmpty();
        assertThat(tx(() -> storage.orders().claimDueQueries(NOW.plusSeconds(20), Duration.ofSeconds(30), Duration.ofMinutes(4), 10)))
                .extracting(Order::orderNo).containsExactly(pending.orderNo());
        assertThat(tx(() -> storage.orders().claimDueQueries(NOW.plusSeconds(49), Duration.ofSeconds(30), Duration.ofMinutes(4), 10))).isEmpty();
        assertThat(tx(() -> storage.orders().claimDueQueries(NOW.plusSeconds(50), Duration.ofSeconds(30), Duration.ofMinutes(4), 10))).hasSize(1);
        // the second query waits twice as long
        assertThat(tx(() -> storage.orders().claimDueQueries(NOW.plusSeconds(109), Duration.ofSeconds(30), Duration.ofMinutes(4), 10))).isEmpty();
        assertThat(tx(() -> storage.orders().claimDueQueries(NOW.plusSeconds(110), Duration.ofSeconds(30), Duration.ofMinutes(4), 10))).hasSize(1);

        assertThat(tx(() -> storage.orders().cancel(paid.id(), NOW))).isFalse();
        assertThat(tx(() -> storage.orders().cancel(pending.id(), NOW))).isTrue();
        assertThat(tx(() -> storage.orders().cancel(pending.id(), NOW))).isFalse();
        assertThat(storage.orders().findByNo(pending.orderNo()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(tx(() -> storage.orders().claimDueQueries(NOW.plus(Duration.ofHours(1)), Duration.ofSeconds(30), Duration.ofMinutes(4), 10)))
                .as("a cancelled order is asked about no more").isEmpty();

        assertThat(tx(() -> storage.orders().refund(pending.id(), NOW))).isFalse();
        assertThat(tx(() -> storage.orders().refund(paid.id(), NOW))).isTrue();
        assertThat(tx(() -> storage.orders().refund(paid.id(), NOW))).isFalse();
        Order refunded = storage.orders().findByNo(paid.orderNo()).orElseThrow();
        assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(refunded.fulfilment().status()).as("its fulfilment stops").isEqualTo(FulfilmentStatus.FAILED);
        assertThat(tx(() -> storage.orders().claimForFulfilment(NOW.plus(Duration.ofHours(1)), Duration.ofMinutes(2))))
                .as("a refunded order leaves the fulfilment outbox").isEmpty();
    }

    @Test
    void paymentAlertsAreListedNewestFirst() {
        PaymentAlert first = tx(() -> storage.paymentAlerts().record(new PaymentAlert(0, PaymentAlert.Kind.ORDER_CLOSED,
                Optional.of("20250301100000ABCDEF01"), Optional.of("T-1"), "closed", NOW)));
        PaymentAlert second = tx(() -> storage.paymentAlerts().record(new PaymentAlert(0, PaymentAlert.Kind.AMOUNT_MISMATCH,
                Optional.empty(), Optional.empty(), "amount", NOW)));
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(storage.paymentAlerts().latest(PaymentAlert.State.ALL, Optional.empty(), 10)).containsExactly(second, first);
        assertThat(storage.paymentAlerts().latest(PaymentAlert.State.ALL, Optional.of(second.id()), 10)).containsExactly(first);
        assertThat(storage.paymentAlerts().latest(PaymentAlert.State.OPEN, Optional.empty(), 10)).as("new ones are open").containsExactly(second, first);
        assertThat(storage.paymentAlerts().latest(PaymentAlert.State.HANDLED, Optional.empty(), 10)).isEmpty();
        assertThat(storage.paymentAlerts().find(first.id())).contains(first);
        assertThat(storage.paymentAlerts().find(second.id() + 1000)).isEmpty();
    }

    @Test
    void aPaymentAlertIsMarkedHandledOnceAndTheStatesFilterTheList() {
        User staff = tx(() -> storage.users().create("ops", null, "hash-ops", Role.OPERATOR, null));
        PaymentAlert first = tx(() -> storage.paymentAlerts().record(new PaymentAlert(0, PaymentAlert.Kind.ORDER_CLOSED,
                Optional.of("20250301100000ABCDEF01"), Optional.of("T-1"), "closed", NOW)));
        PaymentAlert second = tx(() -> storage.paymentAlerts().record(new PaymentAlert(0, PaymentAlert.Kind.PAID_TWICE,
                Optional.empty(), Optional.of("T-2"), "twice", NOW)));
        PaymentAlert third = tx(() -> storage.paymentAlerts().record(new PaymentAlert(0, PaymentAlert.Kind.AMOUNT_MISMATCH,
                Optional.empty(), Optional.empty(), "amount", NOW)));

        Instant at = NOW.plusSeconds(60);
        assertThat(tx(() -> storage.paymentAlerts().markHandled(second.id(), staff.id(), "refunded via Alipay #123", at))).isTrue();
        assertThat(tx(() -> storage.paymentAlerts().markHandled(second.id(), staff.id(), "again", at.plusSeconds(1))))
                .as("handled already: nothing changes").isFalse();
        assertThat(tx(() -> storage.paymentAlerts().markHandled(third.id() + 1000, staff.id(), "nobody", at))).isFalse();

        PaymentAlert handled = storage.paymentAlerts().find(second.id()).orElseThrow();
        assertThat(handled.open()).isFalse();
        assertThat(handled.handled()).contains(new PaymentAlert.Handling(at, Optional.of(staff.id()), Optional.of("ops"), "refunded via Alipay #123"));
        assertThat(handled.kind()).isEqualTo(PaymentAlert.Kind.PAID_TWICE);
        assertThat(handled.at()).isEqualTo(NOW);

        assertThat(storage.paymentAlerts().latest(PaymentAlert.State.OPEN, Optional.empty(), 10)).containsExactly(third, first);
        assertThat(storage.paymentAlerts().latest(PaymentAlert.State.OPEN, Optional.of(third.id()), 10)).as("keyset under a filter")
                .containsExactly(first);
        assertThat(storage.paymentAlerts().latest(PaymentAlert.State.OPEN, Optional.empty(), 1)).containsExactly(third);
        assertThat(storage.paymentAlerts().latest(PaymentAlert.State.HANDLED, Optional.empty(), 10)).containsExactly(handled);
        assertThat(storage.paymentAlerts().latest(PaymentAlert.State.ALL, Optional.empty(), 10)).containsExactly(third, handled, first);
    }
}

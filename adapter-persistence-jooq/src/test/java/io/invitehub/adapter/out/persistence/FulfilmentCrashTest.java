package io.invitehub.adapter.out.persistence;

import io.invitehub.application.fakes.MutableClock;
import io.invitehub.application.shared.port.out.CodeGenerator;
import io.invitehub.application.shop.service.FulfilmentService;
import io.invitehub.application.shop.service.ShopSettings;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeAlphabet;
import io.invitehub.domain.order.FulfilmentStatus;
import io.invitehub.domain.order.NewOrder;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.PayType;
import io.invitehub.domain.order.Plan;
import io.invitehub.domain.order.PlanSpec;
import io.invitehub.domain.order.PlanType;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On real PostgreSQL: a fulfilment worker dies between batches (an Error thrown by its code generator,
 * as a killed process stops: no failure handling runs); after its lease another worker resumes from
 * delivered_count and the order ends with exactly code_count × quantity distinct codes, counted once
 * by the statistics triggers.
 */
class FulfilmentCrashTest {
    private final JooqPersistence db = TestPostgres.freshPersistence();

    @AfterEach
    void close() {
        db.close();
    }

    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    /** Random-looking distinct codes from a counter; dies after {@code dieAfter} codes when set. */
    static final class Generator implements CodeGenerator {
        private final AtomicInteger n = new AtomicInteger();
        volatile int dieAfter = Integer.MAX_VALUE;

        @Override
        public Code next() {
            int v = n.incrementAndGet();
            if (v > dieAfter) {
                throw new Killed();
            }
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 11; i++) {
                body.append(CodeAlphabet.at(v % CodeAlphabet.SIZE));
                v /= CodeAlphabet.SIZE;
            }
            return Code.compose("CR", body.toString());
        }
    }

    @Test
    void aWorkerKilledMidOrderIsResumedToTheExactCount() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T02:00:00Z"));
        ShopSettings settings = ShopSettings.defaults().withFulfilmentBatch(100);
        Paid paid = paidOrder("crash", 7, "0000CAFE", clock.instant());
        User buyer = paid.buyer();
        Plan plan = paid.plan();
        Order order = paid.order();

        Generator generator = new Generator();
        generator.dieAfter = 230; // dies inside the third batch of 100
        FulfilmentService first = new FulfilmentService(db.transactions(), db.orders(), db.codes(), generator, clock, settings);
        assertThatThrownBy(first::fulfilNext).isInstanceOf(Killed.class);
        assertThat(count("select count(*) from redeem_codes where order_id = " + order.id().value())).isEqualTo(200);
        Order crashed = db.orders().findByNo(order.orderNo()).orElseThrow();
        assertThat(crashed.fulfilment().status()).isEqualTo(FulfilmentStatus.PROCESSING);
        assertThat(crashed.fulfilment().delivered()).isEqualTo(200);

        generator.dieAfter = Integer.MAX_VALUE;
        FulfilmentService second = new FulfilmentService(db.transactions(), db.orders(), db.codes(), generator, clock, settings);
        assertThat(second.fulfilNext()).as("the dead worker's lease still holds").isFalse();
        clock.advance(settings.fulfilmentLease().plusSeconds(1));
        assertThat(second.fulfilNext()).isTrue();

        Order done = db.orders().findByNo(order.orderNo()).orElseThrow();
        assertThat(done.fulfilment().status()).isEqualTo(FulfilmentStatus.COMPLETED);
        assertThat(done.fulfilment().delivered()).isEqualTo(350);
        long orderId = order.id().value();
        assertThat(count("select count(*) from redeem_codes where order_id = " + orderId)).isEqualTo(350);
        assertThat(count("select count(distinct code) from redeem_codes where order_id = " + orderId)).isEqualTo(350);
        assertThat(count("select coalesce(sum(codes), 0) from distributor_stats where distributor_id = " + buyer.id().value())).isEqualTo(350);
        assertThat(count("select coalesce(sum(codes), 0) from distributor_plan_stats where plan_id = " + plan.id().value())).isEqualTo(350);
    }

    /** ADR 72: an order that fits in one batch is claimed, delivered and completed in one transaction; a crash leaves nothing. */
    @Test
    void aWorkerKilledInsideAOneBatchOrderLeavesItDueWithNoCodesAndTheNextWorkerCompletesIt() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T02:00:00Z"));
        ShopSettings settings = ShopSettings.defaults().withFulfilmentBatch(100);
        Paid paid = paidOrder("crash1", 2, "0000BEEF", clock.instant());
        User buyer = paid.buyer();
        Order order = paid.order();

        Generator generator = new Generator();
        generator.dieAfter = 60; // inside the order's only batch of 100 codes
        FulfilmentService first = new FulfilmentService(db.transactions(), db.orders(), db.codes(), generator, clock, settings);
        assertThatThrownBy(first::fulfilNext).isInstanceOf(Killed.class);
        long orderId = order.id().value();
        assertThat(count("select count(*) from redeem_codes where order_id = " + orderId)).isZero();
        Order crashed = db.orders().findByNo(order.orderNo()).orElseThrow();
        assertThat(crashed.fulfilment().status()).as("the claim rolled back with the codes").isEqualTo(FulfilmentStatus.PENDING);
        assertThat(crashed.fulfilment().attempts()).isZero();

        generator.dieAfter = Integer.MAX_VALUE;
        FulfilmentService second = new FulfilmentService(db.transactions(), db.orders(), db.codes(), generator, clock, settings);
        assertThat(second.fulfilNext()).as("no lease of the dead worker to wait for").isTrue();
        Order done = db.orders().findByNo(order.orderNo()).orElseThrow();
        assertThat(done.fulfilment().status()).isEqualTo(FulfilmentStatus.COMPLETED);
        assertThat(done.fulfilment().delivered()).isEqualTo(100);
        assertThat(done.fulfilment().attempts()).isEqualTo(1);
        assertThat(count("select count(distinct code) from redeem_codes where order_id = " + orderId)).isEqualTo(100);
        assertThat(count("select coalesce(sum(codes), 0) from distributor_stats where distributor_id = " + buyer.id().value())).isEqualTo(100);
        assertThat(second.fulfilNext()).isFalse();
    }

    /** A paid order of a fresh distributor {@code name} for {@code packs} packs of 50 codes (plan "P {@code name}", trade "T-{@code name}"). */
    private record Paid(User buyer, Plan plan, Order order) {
    }

    private Paid paidOrder(String name, int packs, String orderNoSuffix, Instant at) {
        User buyer = db.transactions().inTransaction(() -> db.users().create(name, name + "@x.com", "h", Role.DISTRIBUTOR, Approval.APPROVED));
        Plan plan = db.transactions().inTransaction(() -> db.plans().create(new PlanSpec("P " + name, PlanType.DISTRIBUTOR_CODES,
                Money.ofMinor(100, Money.CNY), Optional.empty(), 50, 1, 30, true, false, 0, Optional.empty())));
        Order order = db.transactions().inTransaction(() -> db.orders().create(NewOrder.forDistributor(plan, buyer.id(), packs,
                PayType.of("alipay"), OrderNo.compose(LocalDateTime.of(2025, 3, 1, 10, 0), orderNoSuffix), at, Duration.ofMinutes(15), 100_000)));
        db.transactions().inTransaction(() -> db.orders().markPaid(order.id(), "T-" + name, at));
        return new Paid(buyer, plan, order);
    }

    private long count(String sql) {
        return db.dsl().fetchOne(sql).get(0, Long.class);
    }
}

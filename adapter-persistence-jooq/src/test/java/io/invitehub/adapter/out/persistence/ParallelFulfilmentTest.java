package io.invitehub.adapter.out.persistence;

import io.invitehub.application.fakes.MutableClock;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shop.service.FulfilmentService;
import io.invitehub.application.shop.service.ShopSettings;
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

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADR 83 on real PostgreSQL with real threads: the batches of one order delivered two at a time still leave exactly
 * {@code delivered_count} distinct codes, counted once by the statistics triggers, whatever fails — a batch's insert, or
 * the claim (taken over by another worker while two batches are in flight).
 */
class ParallelFulfilmentTest {
    private static final int PACKS = 20; // of 50 codes: 1 000 codes
    private static final int BATCH = 100; // 10 batches

    private final JooqPersistence db = TestPostgres.freshPersistence();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T02:00:00Z"));
    private final ShopSettings settings = ShopSettings.defaults().withFulfilmentBatch(BATCH).withFulfilmentParallelism(2);
    private final FulfilmentCrashTest.Generator generator = new FulfilmentCrashTest.Generator();
    private final List<FulfilmentService> services = new ArrayList<>();

    @AfterEach
    void close() {
        services.forEach(FulfilmentService::close);
        db.close();
    }

    /** Called around each {@code insertNew} of a batch: before it (may block or fail) and after it (may fail). */
    interface Inserts {
        default void before(int call) throws Exception {
        }

        default void after(int call) {
        }
    }

    /** The codes port with {@code inserts} around every insertNew, counting the calls and how many ran at once. */
    private static final class Watched {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final RedeemCodes codes;

        Watched(RedeemCodes real, Inserts inserts) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (!method.getName().equals("insertNew")) {
                    return invoke(real, method, args);
                }
                int call = calls.incrementAndGet();
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    inserts.before(call);
                    Object inserted = invoke(real, method, args);
                    inserts.after(call);
                    return inserted;
                } finally {
                    running.decrementAndGet();
                }
            };
            codes = (RedeemCodes) Proxy.newProxyInstance(RedeemCodes.class.getClassLoader(), new Class<?>[]{RedeemCodes.class}, handler);
        }

        private static Object invoke(RedeemCodes real, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private FulfilmentService worker(RedeemCodes codes, ShopSettings with) {
        FulfilmentService service = new FulfilmentService(db.transactions(), db.orders(), codes, generator, clock, with);
        services.add(service);
        return service;
    }

    @Test
    void twoBatchesAtATimeDeliverExactlyTheOrderCountedOnce() {
        Paid paid = paidOrder("par", "0000A001");
        // the first two inserts wait for each other: they meet only when two batch transactions are open at once
        CountDownLatch bothOpen = new CountDownLatch(2);
        AtomicInteger met = new AtomicInteger();
        Watched watched = new Watched(db.codes(), new Inserts() {
            @Override
            public void before(int call) throws InterruptedException {
                if (call <= 2) {
                    bothOpen.countDown();
                    if (bothOpen.await(10, TimeUnit.SECONDS)) {
                        met.incrementAndGet();
                    }
                }
            }
        });

        assertThat(worker(watched.codes, settings).fulfilNext()).isTrue();

        assertThat(met.get()).as("the first two batches were in flight together").isEqualTo(2);
        assertThat(watched.mostAtOnce.get()).as("never more than the parallelism").isEqualTo(2);
        assertThat(watched.calls.get()).as("one insert per batch, no collision").isEqualTo(10);
        assertDelivered(paid, FulfilmentStatus.COMPLETED, 1_000);
        assertThat(reload(paid).fulfilment().attempts()).isEqualTo(1);
    }

    @Test
    void aBatchThatFailsAfterItsInsertLeavesACountedPrefixRecordsItsOwnErrorAndTheRetryCompletes() {
        Paid paid = paidOrder("fail", "0000A002");
        Watched watched = new Watched(db.codes(), new Inserts() {
            @Override
            public void after(int call) {
                if (call == 4) { // its 100 rows are written, in a transaction beside another batch's
                    throw new IllegalStateException("disk full (injected by the test)");
                }
            }
        });
        FulfilmentService worker = worker(watched.codes, settings);

        assertThat(worker.fulfilNext()).isTrue();

        Order failed = reload(paid);
        assertThat(failed.fulfilment().status()).isEqualTo(FulfilmentStatus.PENDING);
        assertThat(failed.fulfilment().attempts()).isEqualTo(1);
        assertThat(failed.fulfilment().error()).as("the failed batch's own error, not a lost claim")
                .hasValueSatisfying(e -> assertThat(e).isEqualTo("IllegalStateException: disk full (injected by the test)"));
        int delivered = failed.fulfilment().delivered();
        // batches 1-3 and whichever of 5 was in flight beside 4 committed; 4 rolled back whole; none started after it
        assertThat(delivered).isBetween(300, 400);
        assertThat(watched.calls.get()).isLessThanOrEqualTo(5);
        assertThat(codesOf(paid)).isEqualTo(delivered);
        assertThat(distinctCodesOf(paid)).isEqualTo(delivered);
        assertThat(statsCodes(paid)).isEqualTo(delivered);
        assertThat(planStatsCodes(paid)).isEqualTo(delivered);

        assertThat(worker.fulfilNext()).as("backoff").isFalse();
        clock.advance(settings.backoff(1));
        assertThat(worker.fulfilNext()).isTrue();
        assertDelivered(paid, FulfilmentStatus.COMPLETED, 1_000);
        assertThat(reload(paid).fulfilment().attempts()).isEqualTo(2);
        assertThat(reload(paid).fulfilment().error()).isEmpty();
    }

    /**
     * Worker A's lease runs out while its third and fourth batches are in flight (both opened, neither fenced); worker B
     * claims the order and delivers the rest. A's two batches fail their fence and roll back, A starts no other batch and
     * records nothing; the order ends with exactly its codes.
     */
    @Test
    void aClaimLostWithTwoBatchesInFlightStopsBothAndTheNewWorkerCompletesTheOrder() throws Exception {
        Paid paid = paidOrder("lost", "0000A003");
        FulfilmentService b = worker(db.codes(), settings);
        CountDownLatch bothWaiting = new CountDownLatch(2);
        CountDownLatch takenOver = new CountDownLatch(1);
        AtomicInteger bFulfilled = new AtomicInteger();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Watched watched = new Watched(db.codes(), new Inserts() {
                @Override
                public void before(int call) throws Exception {
                    if (call < 3) {
                        return;
                    }
                    bothWaiting.countDown();
                    assertThat(bothWaiting.await(10, TimeUnit.SECONDS)).as("batches 3 and 4 in flight together").isTrue();
                    if (call == 3) {
                        clock.advance(settings.fulfilmentLease().plusSeconds(1));
                        // B on its own thread (and connections) while A's batches 3 and 4 hold theirs, open
                        Callable<Boolean> takeOver = b::fulfilNext;
                        Future<Boolean> done = other.submit(takeOver);
                        if (done.get(60, TimeUnit.SECONDS)) {
                            bFulfilled.incrementAndGet();
                        }
                        takenOver.countDown();
                    } else {
                        assertThat(takenOver.await(60, TimeUnit.SECONDS)).isTrue();
                    }
                }
            });
            FulfilmentService a = worker(watched.codes, settings);

            assertThat(a.fulfilNext()).isTrue();

            assertThat(bFulfilled.get()).as("B claimed and fulfilled the order").isEqualTo(1);
            assertThat(watched.calls.get()).as("A started no batch after 3 and 4").isEqualTo(4);
            assertDelivered(paid, FulfilmentStatus.COMPLETED, 1_000);
            Order done = reload(paid);
            assertThat(done.fulfilment().attempts()).isEqualTo(2);
            assertThat(done.fulfilment().error()).as("A recorded nothing after losing its claim").isEmpty();
        } finally {
            other.shutdownNow();
        }
    }

    /** Two workers, each with two batches at a time, start together on one order: one claims it, the other finds nothing. */
    @Test
    void twoWorkersStartingTogetherDeliverTheOrderOnce() throws Exception {
        Paid paid = paidOrder("race", "0000A004");
        FulfilmentService first = worker(db.codes(), settings);
        FulfilmentService second = worker(db.codes(), settings);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (FulfilmentService worker : List.of(first, second)) {
                results.add(threads.submit(() -> {
                    go.await();
                    return worker.fulfilNext();
                }));
            }
            go.countDown();
            int claimed = 0;
            for (Future<Boolean> result : results) {
                claimed += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(claimed).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
        assertDelivered(paid, FulfilmentStatus.COMPLETED, 1_000);
        assertThat(reload(paid).fulfilment().attempts()).isEqualTo(1);
    }

    /** With a parallelism of one the batches run one at a time, as before ADR 83. */
    @Test
    void aParallelismOfOneDeliversOneBatchAtATime() {
        Paid paid = paidOrder("one", "0000A005");
        Watched watched = new Watched(db.codes(), new Inserts() {
        });
        assertThat(worker(watched.codes, settings.withFulfilmentParallelism(1)).fulfilNext()).isTrue();
        assertThat(watched.mostAtOnce.get()).isEqualTo(1);
        assertThat(watched.calls.get()).isEqualTo(10);
        assertDelivered(paid, FulfilmentStatus.COMPLETED, 1_000);
    }

    private void assertDelivered(Paid paid, FulfilmentStatus status, int codes) {
        Order order = reload(paid);
        assertThat(order.fulfilment().status()).isEqualTo(status);
        assertThat(order.fulfilment().delivered()).isEqualTo(codes);
        assertThat(codesOf(paid)).isEqualTo(codes);
        assertThat(distinctCodesOf(paid)).isEqualTo(codes);
        assertThat(statsCodes(paid)).as("counted once by the statistics trigger").isEqualTo(codes);
        assertThat(planStatsCodes(paid)).isEqualTo(codes);
    }

    private Order reload(Paid paid) {
        return db.orders().findByNo(paid.order().orderNo()).orElseThrow();
    }

    private long codesOf(Paid paid) {
        return count("select count(*) from redeem_codes where order_id = " + paid.order().id().value());
    }

    private long distinctCodesOf(Paid paid) {
        return count("select count(distinct code) from redeem_codes where order_id = " + paid.order().id().value());
    }

    private long statsCodes(Paid paid) {
        return count("select coalesce(sum(codes), 0) from distributor_stats where distributor_id = " + paid.buyer().id().value());
    }

    private long planStatsCodes(Paid paid) {
        return count("select coalesce(sum(codes), 0) from distributor_plan_stats where plan_id = " + paid.plan().id().value());
    }

    private record Paid(User buyer, Plan plan, Order order) {
    }

    /** A paid order of a fresh distributor {@code name} for {@value #PACKS} packs of 50 codes. */
    private Paid paidOrder(String name, String orderNoSuffix) {
        Instant at = clock.instant();
        User buyer = db.transactions().inTransaction(() -> db.users().create(name, name + "@x.com", "h", Role.DISTRIBUTOR, Approval.APPROVED));
        Plan plan = db.transactions().inTransaction(() -> db.plans().create(new PlanSpec("P " + name, PlanType.DISTRIBUTOR_CODES,
                Money.ofMinor(100, Money.CNY), Optional.empty(), 50, 1, 30, true, false, 0, Optional.empty())));
        Order order = db.transactions().inTransaction(() -> db.orders().create(NewOrder.forDistributor(plan, buyer.id(), PACKS,
                PayType.of("alipay"), OrderNo.compose(LocalDateTime.of(2025, 3, 1, 10, 0), orderNoSuffix), at, Duration.ofMinutes(15), 100_000)));
        db.transactions().inTransaction(() -> db.orders().markPaid(order.id(), "T-" + name, at));
        return new Paid(buyer, plan, order);
    }

    private long count(String sql) {
        return db.dsl().fetchOne(sql).get(0, Long.class);
    }
}

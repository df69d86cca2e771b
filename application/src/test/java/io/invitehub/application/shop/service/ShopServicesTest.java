package io.invitehub.application.shop.service;

import io.invitehub.application.site.service.PlatformSiteService;
import io.invitehub.application.site.view.PlatformSettingsView;
import io.invitehub.domain.brand.PlatformSite;
import io.invitehub.domain.brand.PlatformTerms;
import io.invitehub.application.fakes.InMemoryStorage;
import io.invitehub.application.fakes.MutableClock;
import io.invitehub.application.fakes.RecordingWakeUps;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shared.port.out.CodeGenerator;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shop.port.in.PlaceOrderCommand;
import io.invitehub.application.shop.port.in.PlacedOrder;
import io.invitehub.application.shop.port.out.Checkout;
import io.invitehub.application.shop.port.out.PaymentGateway;
import io.invitehub.application.shop.port.out.PaymentNotification;
import io.invitehub.application.shop.port.out.RejectedNotification;
import io.invitehub.application.shop.view.PaymentAlert;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeAlphabet;
import io.invitehub.domain.order.FulfilmentStatus;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.OrderStatus;
import io.invitehub.domain.order.PayType;
import io.invitehub.domain.order.Plan;
import io.invitehub.domain.order.PlanSpec;
import io.invitehub.domain.order.PlanType;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ordering, the notify verdicts and the fulfilment worker on the in-memory storage. */
class ShopServicesTest {
    private static final PayType ALIPAY = PayType.of("alipay");

    /** A gateway whose "signature" is the parameter sig=ok; everything else is taken as sent. */
    static final class FakeGateway implements PaymentGateway {
        @Override public boolean available() { return true; }
        @Override public String payUrl(Checkout c) { return "https://pay.test/submit.php?out_trade_no=" + c.orderNo(); }
        @Override public Optional<PaymentNotification> query(io.invitehub.domain.order.OrderNo orderNo) { return Optional.empty(); }

        @Override public PaymentNotification verify(Map<String, String> p) {
            if (!"ok".equals(p.get("sig"))) {
                throw new RejectedNotification("bad signature");
            }
            return new PaymentNotification(p.get("out_trade_no"), p.get("trade_no"), p.get("trade_status"),
                    Money.ofMinor(Long.parseLong(p.get("fen")), Money.CNY), PayType.of(p.get("type")));
        }
    }

    /** Distinct valid codes from a counter; optionally "crashes" (an Error, as a killed worker would stop) after n codes. */
    static final class CountingGenerator implements CodeGenerator {
        final AtomicInteger handedOut = new AtomicInteger();
        volatile int crashAfter = Integer.MAX_VALUE;
        volatile RuntimeException failure;

        @Override
        public Code next() {
            int n = handedOut.incrementAndGet();
            if (n > crashAfter) {
                throw new Crash();
            }
            if (failure != null) {
                throw failure;
            }
            StringBuilder body = new StringBuilder();
            int v = n;
            for (int i = 0; i < 10; i++) {
                body.append(CodeAlphabet.at(v % CodeAlphabet.SIZE));
                v /= CodeAlphabet.SIZE;
            }
            return Code.compose("SH", body.toString());
        }
    }

    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T02:00:00Z"));
    private final InMemoryStorage storage = new InMemoryStorage(clock);
    private final RecordingWakeUps wakeUps = new RecordingWakeUps();
    private final CountingGenerator generator = new CountingGenerator();
    private final ShopSettings settings = ShopSettings.defaults().withFulfilmentBatch(4);
    private final AtomicInteger orderNumbers = new AtomicInteger();
    private final PlatformSiteService platform = new PlatformSiteService(storage.transactions(), storage.platformSettings(),
            storage.auditLog(), clock, new PlatformSite("InviteHub", Optional.empty(), Optional.empty(), Optional.empty()),
            new PlatformTerms(Money.zero(Money.CNY), Duration.ofMinutes(15)));
    private ShopService shop;
    private PaymentNotificationService notify;
    private FulfilmentService fulfilment;
    private PlanService plans;
    private User admin;
    private User a;
    private User b;
    private Plan plan;

    @BeforeEach
    void setUp() {
        shop = new ShopService(storage.transactions(), storage.plans(), storage.orders(), storage.paymentAlerts(), storage.users(),
                new FakeGateway(), now -> OrderNo.compose(LocalDateTime.ofInstant(now, ZoneOffset.UTC),
                String.format("%08X", orderNumbers.incrementAndGet())), storage.auditLog(), wakeUps, clock, settings, platform);
        notify = new PaymentNotificationService(storage.transactions(), storage.orders(), storage.paymentAlerts(), new FakeGateway(),
                storage.auditLog(), wakeUps, clock);
        fulfilment = new FulfilmentService(storage.transactions(), storage.orders(), storage.codes(), generator, clock, settings);
        plans = new PlanService(storage.transactions(), storage.plans(), storage.users(), storage.auditLog(), clock);
        admin = storage.users().create("admin", null, "h", Role.ADMIN, null);
        a = storage.users().create("a", "a@x.com", "h", Role.DISTRIBUTOR, Approval.APPROVED);
        b = storage.users().create("b", "b@x.com", "h", Role.DISTRIBUTOR, Approval.APPROVED);
        plan = plans.create(Actor.of(admin), new PlanSpec("Ten pack", PlanType.DISTRIBUTOR_CODES, Money.ofMinor(990, Money.CNY),
                Optional.empty(), 5, 1, 30, true, false, 0, Optional.empty()));
    }

    private Order place(User buyer, int quantity) {
        return shop.place(new PlaceOrderCommand(buyer.id(), plan.id(), quantity, ALIPAY)).order();
    }

    private Map<String, String> paid(Order order, String trade, long fen, String type) {
        Map<String, String> p = new HashMap<>();
        p.put("sig", "ok");
        p.put("out_trade_no", order.orderNo().value());
        p.put("trade_no", trade);
        p.put("trade_status", "TRADE_SUCCESS");
        p.put("fen", Long.toString(fen));
        p.put("type", type);
        return p;
    }

    private Order reload(Order o) {
        return storage.orders().findByNo(o.orderNo()).orElseThrow();
    }

    @Test
    void anOrderCostsThePlanPriceTimesTheQuantityAndRespectsTheLimits() {
        PlacedOrder placed = shop.place(new PlaceOrderCommand(a.id(), plan.id(), 3, ALIPAY));
        assertThat(placed.order().finalAmount()).isEqualTo(Money.ofMinor(2970, Money.CNY));
        assertThat(placed.order().codesTotal()).isEqualTo(15);
        assertThat(placed.order().expireAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(placed.payUrl()).contains(placed.order().orderNo().value());
        assertThatThrownBy(() -> place(a, 0)).isInstanceOf(DomainException.class).hasMessageContaining("quantity");
        assertThatThrownBy(() -> place(a, 101)).isInstanceOf(DomainException.class).hasMessageContaining("quantity");
        assertThatThrownBy(() -> shop.place(new PlaceOrderCommand(a.id(), plan.id(), 1, PayType.of("bitcoin"))))
                .hasMessageContaining("pay_type");
        Plan huge = plans.create(Actor.of(admin), new PlanSpec("Huge", PlanType.DISTRIBUTOR_CODES, Money.ofMinor(1, Money.CNY),
                Optional.empty(), 100_000, 1, 30, true, false, 0, Optional.empty()));
        assertThat(shop.place(new PlaceOrderCommand(a.id(), huge.id(), 1, ALIPAY)).order().codesTotal()).isEqualTo(100_000);
        assertThatThrownBy(() -> shop.place(new PlaceOrderCommand(a.id(), huge.id(), 2, ALIPAY)))
                .isInstanceOf(DomainException.class).hasMessageContaining("at most 100000 codes");
        plans.update(Actor.of(admin), huge.id(), new PlanSpec("Huge", PlanType.DISTRIBUTOR_CODES, Money.ofMinor(1, Money.CNY),
                Optional.empty(), 100_000, 1, 30, false, false, 0, Optional.empty()));
        assertThatThrownBy(() -> shop.place(new PlaceOrderCommand(a.id(), huge.id(), 1, ALIPAY)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> plans.delete(Actor.of(admin), huge.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }

    @Test
    void theNextOrderTakesThePaymentWindowAnAdminSetWithoutARestart() {
        platform.ensureDefaults(platform.site());
        Order before = place(a, 1);
        PlatformSettingsView settings = platform.settings(Actor.of(admin));
        platform.update(Actor.of(admin), settings.site(), new PlatformTerms(settings.terms().defaultUnitPrice(), Duration.ofMinutes(45)));

        Order after = place(a, 1);
        assertThat(after.expireAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(45)));
        assertThat(reload(before).expireAt()).as("an order placed before keeps its window").isEqualTo(before.createdAt().plus(Duration.ofMinutes(15)));
    }

    @Test
    void aDistributorSeesOnlyItsOwnOrders() {
        Order mine = place(a, 1);
        place(b, 1);
        assertThat(shop.myOrders(a.id(), PageRequest.first(10)).items()).extracting(Order::id).containsExactly(mine.id());
        assertThat(shop.myOrder(a.id(), mine.orderNo()).id()).isEqualTo(mine.id());
        assertThatThrownBy(() -> shop.myOrder(b.id(), mine.orderNo()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> shop.orders(Actor.of(a), Optional.empty(), PageRequest.first(10)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(shop.orders(Actor.of(admin), Optional.empty(), PageRequest.first(10)).items()).hasSize(2);
    }

    @Test
    void aValidPaymentMarksPaidOnceWakesTheWorkerAndRepeatsAreIdempotent() {
        Order order = place(a, 2);
        assertThat(notify.handle(paid(order, "T1", 1980, "alipay"))).isTrue();
        Order paid = reload(order);
        assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
        assertThat(paid.tradeNo()).contains("T1");
        assertThat(wakeUps.count(WakeUps.Work.ORDER_FULFILMENT)).isEqualTo(1);
        assertThat(storage.codesOfOrder(order.id())).as("no codes in the request").isZero();

        assertThat(notify.handle(paid(order, "T1", 1980, "alipay"))).isTrue();
        assertThat(wakeUps.count(WakeUps.Work.ORDER_FULFILMENT)).isEqualTo(1);
        assertThat(storage.paymentAlerts().latest(PaymentAlert.State.ALL, Optional.empty(), 10)).isEmpty();

        // a second payment of the same order: success (stop the gateway) and an alert to refund it
        assertThat(notify.handle(paid(order, "T2", 1980, "alipay"))).isTrue();
        assertThat(storage.paymentAlerts().latest(PaymentAlert.State.ALL, Optional.empty(), 10)).extracting(PaymentAlert::kind)
                .containsExactly(PaymentAlert.Kind.PAID_TWICE);
        assertThat(reload(order).tradeNo()).contains("T1");
    }

    /**
     * Issue 10: the gateway repeating the trade that paid an order is fine, but the same trade_no with another
     * amount or channel is not a repeat: answered success (nothing more is delivered) and an admin sees an alert.
     */
    @Test
    void aRepeatedTradeWithAnotherAmountOrChannelIsAnAlert() {
        Order order = place(a, 1);
        assertThat(notify.handle(paid(order, "T1", 990, "alipay"))).isTrue();
        assertThat(notify.handle(paid(order, "T1", 990, "alipay"))).isTrue();
        assertThat(storage.paymentAlerts().latest(PaymentAlert.State.ALL, Optional.empty(), 10)).as("an exact repeat").isEmpty();

        assertThat(notify.handle(paid(order, "T1", 1, "alipay"))).isTrue();
        assertThat(notify.handle(paid(order, "T1", 990, "wxpay"))).isTrue();

        assertThat(shop.alerts(Actor.of(admin), PaymentAlert.State.OPEN, PageRequest.first(50)).items())
                .extracting(al -> al.kind() + " " + al.tradeNo().orElse("-") + " " + al.orderNo().orElse("-")).containsExactly(
                        "PAY_TYPE_MISMATCH T1 " + order.orderNo().value(), "AMOUNT_MISMATCH T1 " + order.orderNo().value());
        assertThat(shop.alerts(Actor.of(admin), PaymentAlert.State.OPEN, PageRequest.first(50)).items()).extracting(PaymentAlert::detail)
                .allMatch(d -> d.contains("already paid this order"));
        Order kept = reload(order);
        assertThat(kept.status()).isEqualTo(OrderStatus.PAID);
        assertThat(kept.tradeNo()).contains("T1");
        assertThat(wakeUps.count(WakeUps.Work.ORDER_FULFILMENT)).isEqualTo(1);
    }

    @Test
    void aPaymentAlertIsMarkedHandledOnceWithANoteAuditedAndLeavesTheOpenList() {
        Order order = place(a, 1);
        assertThat(notify.handle(paid(order, "T1", 989, "alipay"))).isFalse();
        PaymentAlert alert = shop.alerts(Actor.of(admin), PaymentAlert.State.OPEN, PageRequest.first(10)).items().get(0);
        int audited = storage.auditLog().latest(100).size();

        assertThatThrownBy(() -> shop.handleAlert(Actor.of(admin), alert.id(), "  "))
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThatThrownBy(() -> shop.handleAlert(Actor.of(admin), alert.id(), "x".repeat(501)))
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThatThrownBy(() -> shop.handleAlert(Actor.of(a), alert.id(), "refunded"))
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThatThrownBy(() -> shop.handleAlert(Actor.of(admin), alert.id() + 1000, "refunded"))
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(storage.paymentAlerts().find(alert.id()).orElseThrow().open()).as("nothing changed on a refusal").isTrue();
        assertThat(storage.auditLog().latest(100)).hasSize(audited);

        clock.advance(Duration.ofMinutes(3));
        PaymentAlert handled = shop.handleAlert(Actor.of(admin), alert.id(), " refunded via Alipay #123 ");
        PaymentAlert.Handling h = handled.handled().orElseThrow();
        assertThat(h.note()).isEqualTo("refunded via Alipay #123");
        assertThat(h.by()).contains(admin.id());
        assertThat(h.byUsername()).contains(admin.username());
        assertThat(h.at()).isEqualTo(clock.instant());
        assertThat(storage.auditLog().latest(1).get(0)).extracting(AuditEntry::action, AuditEntry::targetType, AuditEntry::targetId)
                .containsExactly("PAYMENT_ALERT_HANDLED", "PAYMENT_ALERT", Long.toString(alert.id()));

        assertThatThrownBy(() -> shop.handleAlert(Actor.of(admin), alert.id(), "again"))
                .isInstanceOf(DomainException.class).hasMessageContaining("refunded via Alipay #123")
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.PAYMENT_ALERT_ALREADY_HANDLED);
        assertThat(storage.paymentAlerts().find(alert.id()).orElseThrow().handled().orElseThrow().note()).isEqualTo("refunded via Alipay #123");
        assertThat(storage.auditLog().latest(100)).hasSize(audited + 1);

        assertThat(shop.alerts(Actor.of(admin), PaymentAlert.State.OPEN, PageRequest.first(10)).items()).isEmpty();
        assertThat(shop.alerts(Actor.of(admin), PaymentAlert.State.HANDLED, PageRequest.first(10)).items()).containsExactly(handled);
        assertThat(shop.alerts(Actor.of(admin), PaymentAlert.State.ALL, PageRequest.first(10)).items()).containsExactly(handled);
    }

    @Test
    void forgedWrongAmountWrongChannelAndClosedOrdersAreRefusedAndTheSignedOnesAlerted() {
        Order order = place(a, 1);
        Map<String, String> forged = paid(order, "T1", 990, "alipay");
        forged.put("sig", "forged");
        assertThat(notify.handle(forged)).isFalse();
        Map<String, String> waiting = paid(order, "T1", 990, "alipay");
        waiting.put("trade_status", "WAIT_BUYER_PAY");
        assertThat(notify.handle(waiting)).isFalse();
        assertThat(storage.paymentAlerts().latest(PaymentAlert.State.ALL, Optional.empty(), 10)).isEmpty();

        assertThat(notify.handle(paid(order, "T1", 989, "alipay"))).isFalse();
        assertThat(notify.handle(paid(order, "T1", 991, "alipay"))).isFalse();
        assertThat(notify.handle(paid(order, "T1", 990, "wxpay"))).isFalse();
        assertThat(reload(order).status()).isEqualTo(OrderStatus.PENDING);

        Order other = place(a, 1);
        assertThat(notify.handle(paid(other, "T-other", 990, "alipay"))).isTrue();
        assertThat(notify.handle(paid(order, "T-other", 990, "alipay"))).as("a trade pays one order only").isFalse();

        clock.advance(Duration.ofMinutes(15));
        assertThat(notify.handle(paid(order, "T1", 990, "alipay"))).as("past expire_at").isFalse();
        assertThat(shop.expireDue()).isEqualTo(1);
        assertThat(reload(order).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(notify.handle(paid(order, "T1", 990, "alipay"))).isFalse();
        assertThat(reload(order).status()).isEqualTo(OrderStatus.EXPIRED);

        assertThat(shop.alerts(Actor.of(admin), PaymentAlert.State.OPEN, PageRequest.first(50)).items()).extracting(PaymentAlert::kind).containsExactly(
                PaymentAlert.Kind.ORDER_CLOSED, PaymentAlert.Kind.ORDER_CLOSED, PaymentAlert.Kind.TRADE_REUSED,
                PaymentAlert.Kind.PAY_TYPE_MISMATCH, PaymentAlert.Kind.AMOUNT_MISMATCH, PaymentAlert.Kind.AMOUNT_MISMATCH);
    }

    @Test
    void fulfilmentDeliversExactlyTheCodesInBatchesAndCompletes() {
        Order order = place(a, 3);
        notify.handle(paid(order, "T1", 2970, "alipay"));
        assertThat(fulfilment.fulfilNext()).isTrue();
        assertThat(fulfilment.fulfilNext()).isFalse();
        Order done = reload(order);
        assertThat(done.fulfilment().status()).isEqualTo(FulfilmentStatus.COMPLETED);
        assertThat(done.fulfilment().delivered()).isEqualTo(15);
        assertThat(storage.codesOfOrder(order.id())).isEqualTo(15);
        assertThat(storage.codeValuesOfOrder(order.id())).hasSize(15);
        assertThat(storage.committedTransactions()).isPositive();
    }

    /** A worker whose batch (5) holds a whole one-pack order of plan {@code a} (5 codes): the one-transaction path of ADR 72. */
    private FulfilmentService oneBatchFulfilment() {
        return new FulfilmentService(storage.transactions(), storage.orders(), storage.codes(), generator, clock, settings.withFulfilmentBatch(5));
    }

    /** ADR 72: an order whose codes fit in one batch (every one-code shop order) is claimed, delivered and completed in one commit. */
    @Test
    void anOrderThatFitsInOneBatchIsFulfilledInOneTransaction() {
        FulfilmentService oneBatch = oneBatchFulfilment();
        Order order = place(a, 1); // 5 codes
        notify.handle(paid(order, "T1", 990, "alipay"));
        int before = storage.committedTransactions();
        assertThat(oneBatch.fulfilNext()).isTrue();
        assertThat(storage.committedTransactions() - before).as("claim, codes and completion in one commit").isEqualTo(1);
        Order done = reload(order);
        assertThat(done.fulfilment().status()).isEqualTo(FulfilmentStatus.COMPLETED);
        assertThat(done.fulfilment().delivered()).isEqualTo(5);
        assertThat(done.fulfilment().attempts()).isEqualTo(1);
        assertThat(storage.codeValuesOfOrder(order.id())).hasSize(5);
        assertThat(oneBatch.fulfilNext()).isFalse();
        assertThat(storage.codesOfOrder(order.id())).isEqualTo(5);
    }

    @Test
    void aWorkerKilledInsideAOneBatchOrderLeavesNothingAndTheOrderIsDueAgainAtOnce() {
        FulfilmentService oneBatch = oneBatchFulfilment();
        Order order = place(a, 1);
        notify.handle(paid(order, "T1", 990, "alipay"));
        generator.crashAfter = 3;
        assertThatThrownBy(oneBatch::fulfilNext).isInstanceOf(Crash.class);
        Order crashed = reload(order);
        assertThat(crashed.fulfilment().status()).as("the claim rolled back with the codes").isEqualTo(FulfilmentStatus.PENDING);
        assertThat(crashed.fulfilment().delivered()).isZero();
        assertThat(crashed.fulfilment().attempts()).isZero();
        assertThat(storage.codesOfOrder(order.id())).isZero();

        generator.crashAfter = Integer.MAX_VALUE;
        assertThat(oneBatch.fulfilNext()).as("no lease to wait for").isTrue();
        Order done = reload(order);
        assertThat(done.fulfilment().status()).isEqualTo(FulfilmentStatus.COMPLETED);
        assertThat(done.fulfilment().attempts()).isEqualTo(1);
        assertThat(storage.codeValuesOfOrder(order.id())).hasSize(5);
    }

    @Test
    void aFailedOneBatchOrderIsRecordedAsAFailedAttemptAndRetriedWithBackoff() {
        FulfilmentService oneBatch = oneBatchFulfilment();
        Order order = place(a, 1);
        notify.handle(paid(order, "T1", 990, "alipay"));
        generator.failure = new IllegalStateException("generator broken");
        assertThat(oneBatch.fulfilNext()).isTrue();
        Order failed = reload(order);
        assertThat(failed.fulfilment().status()).isEqualTo(FulfilmentStatus.PENDING);
        assertThat(failed.fulfilment().attempts()).isEqualTo(1);
        assertThat(failed.fulfilment().error()).hasValueSatisfying(e -> assertThat(e).contains("generator broken"));
        assertThat(storage.codesOfOrder(order.id())).isZero();
        assertThat(oneBatch.fulfilNext()).as("backoff").isFalse();

        generator.failure = null;
        clock.advance(settings.backoff(1));
        assertThat(oneBatch.fulfilNext()).isTrue();
        assertThat(reload(order).fulfilment().status()).isEqualTo(FulfilmentStatus.COMPLETED);
        assertThat(reload(order).fulfilment().attempts()).isEqualTo(2);
        assertThat(storage.codeValuesOfOrder(order.id())).hasSize(5);
    }

    @Test
    void aWorkerKilledBetweenBatchesIsResumedAfterItsLeaseWithoutDuplicatesOrGaps() {
        Order order = place(a, 3); // 15 codes, batches of 4
        notify.handle(paid(order, "T1", 2970, "alipay"));
        generator.crashAfter = 9; // dies inside the third batch
        assertThatThrownBy(() -> fulfilment.fulfilNext()).isInstanceOf(Crash.class);
        Order crashed = reload(order);
        assertThat(crashed.fulfilment().status()).isEqualTo(FulfilmentStatus.PROCESSING);
        assertThat(crashed.fulfilment().delivered()).isEqualTo(8);
        assertThat(storage.codesOfOrder(order.id())).as("the batch in flight rolled back whole").isEqualTo(8);

        generator.crashAfter = Integer.MAX_VALUE;
        assertThat(fulfilment.fulfilNext()).as("still leased to the dead worker").isFalse();
        clock.advance(settings.fulfilmentLease().plusSeconds(1));
        assertThat(fulfilment.fulfilNext()).isTrue();
        Order done = reload(order);
        assertThat(done.fulfilment().status()).isEqualTo(FulfilmentStatus.COMPLETED);
        assertThat(done.fulfilment().delivered()).isEqualTo(15);
        assertThat(done.fulfilment().attempts()).isEqualTo(2);
        assertThat(storage.codesOfOrder(order.id())).isEqualTo(15);
        assertThat(storage.codeValuesOfOrder(order.id())).hasSize(15);
    }

    @Test
    void failedAttemptsAreRetriedWithBackoffThenFailedAndAnAdminRetryFinishesTheOrder() {
        Order order = place(a, 1);
        notify.handle(paid(order, "T1", 990, "alipay"));
        generator.failure = new IllegalStateException("generator broken");
        for (int attempt = 1; attempt <= settings.fulfilmentMaxAttempts(); attempt++) {
            assertThat(fulfilment.fulfilNext()).isTrue();
            Order o = reload(order);
            assertThat(o.fulfilment().attempts()).isEqualTo(attempt);
            assertThat(o.fulfilment().error()).hasValueSatisfying(e -> assertThat(e).contains("generator broken"));
            if (attempt < settings.fulfilmentMaxAttempts()) {
                assertThat(o.fulfilment().status()).isEqualTo(FulfilmentStatus.PENDING);
                assertThat(fulfilment.fulfilNext()).as("backoff").isFalse();
                clock.advance(settings.backoff(attempt));
            }
        }
        assertThat(reload(order).fulfilment().status()).isEqualTo(FulfilmentStatus.FAILED);
        clock.advance(Duration.ofDays(1));
        assertThat(fulfilment.fulfilNext()).isFalse();

        generator.failure = null;
        assertThatThrownBy(() -> shop.retryFulfilment(Actor.of(a), order.orderNo())).isInstanceOf(DomainException.class);
        Order retried = shop.retryFulfilment(Actor.of(admin), order.orderNo());
        assertThat(retried.fulfilment().status()).isEqualTo(FulfilmentStatus.PENDING);
        assertThatThrownBy(() -> shop.retryFulfilment(Actor.of(admin), order.orderNo()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(fulfilment.fulfilNext()).isTrue();
        assertThat(reload(order).fulfilment().status()).isEqualTo(FulfilmentStatus.COMPLETED);
        assertThat(storage.codesOfOrder(order.id())).isEqualTo(5);
    }
}

package io.invitehub.adapter.out.persistence;

import io.invitehub.application.mail.port.out.MailQueue;
import io.invitehub.application.shared.port.out.MailTemplate;
import io.invitehub.application.shared.port.out.OutgoingMail;
import io.invitehub.application.shared.port.out.WebhookEvent;
import io.invitehub.application.webhooks.port.out.DeliveryJob;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.Language;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.webhook.EndpointUrl;
import io.invitehub.domain.webhook.EventType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail and webhook outboxes on real PostgreSQL (ADR 41, 42): sealed values, claims with SKIP LOCKED and
 * a lease, fencing by the claim token, the lapsed claim taken back, erasure on settle, the publish statement
 * writing only for subscribers and scoping distributors, and redeliver refused while a claim is live.
 */
class OutboxesTest {
    private static JooqPersistence db;
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @BeforeAll
    static void connect() {
        db = TestPostgres.connect(TestPostgres.freshDatabase());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void clean() {
        db.dsl().execute("truncate mail_outbox, webhook_attempts, webhook_deliveries, webhook_events, webhook_endpoints restart identity cascade");
    }

    private static OutgoingMail code(String to, String code) {
        return new OutgoingMail(Email.of(to), Language.EN, MailTemplate.VERIFICATION_CODE, Map.of("code", code, "minutes", "10"));
    }

    @Test
    void mailIsSealedClaimedOnceFencedAndErasedWhenSettled() {
        db.transactions().inTransaction(() -> {
            db.mailOutbox().enqueue(code("a@example.com", "123456"), NOW);
            return null;
        });
        String stored = db.dsl().fetchOne("select sealed_values from mail_outbox").get(0, String.class);
        assertThat(stored).startsWith("ih1.").doesNotContain("123456");

        MailQueue queue = db.mailQueue();
        MailQueue.ClaimedMail claimed = db.transactions().inTransaction(() -> queue.claimNext(NOW, Duration.ofMinutes(1))).orElseThrow();
        assertThat(claimed.mail()).isEqualTo(code("a@example.com", "123456"));
        assertThat(claimed.attempt()).isEqualTo(1);
        // claimed: not due again before the lease ends
        assertThat(db.transactions().inTransaction(() -> queue.claimNext(NOW.plusSeconds(30), Duration.ofMinutes(1)))).isEmpty();
        // the lease lapsed (the worker died): another worker takes it, and the first one's settle changes nothing
        MailQueue.ClaimedMail again = db.transactions().inTransaction(() -> queue.claimNext(NOW.plusSeconds(61), Duration.ofMinutes(1)))
                .orElseThrow();
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.claimToken()).isNotEqualTo(claimed.claimToken());
        assertThat(db.transactions().inTransaction(() -> queue.sent(claimed, NOW))).isFalse();

        assertThat(db.transactions().inTransaction(() -> queue.retryAt(again, NOW.plusSeconds(120), "connection refused"))).isTrue();
        assertThat(db.transactions().inTransaction(() -> queue.claimNext(NOW.plusSeconds(100), Duration.ofMinutes(1)))).isEmpty();
        MailQueue.ClaimedMail third = db.transactions().inTransaction(() -> queue.claimNext(NOW.plusSeconds(121), Duration.ofMinutes(1)))
                .orElseThrow();
        assertThat(db.transactions().inTransaction(() -> queue.sent(third, NOW.plusSeconds(122)))).isTrue();

        var row = db.dsl().fetchOne("select status, sealed_values, attempts from mail_outbox");
        assertThat(row.get(0, String.class)).isEqualTo("SENT");
        assertThat(row.get(1, String.class)).isNull();
        assertThat(row.get(2, Integer.class)).isEqualTo(3);
    }

    @Test
    void concurrentWorkersNeverClaimTheSameMail() throws Exception {
        db.transactions().inTransaction(() -> {
            for (int i = 0; i < 40; i++) {
                db.mailOutbox().enqueue(code("m" + i + "@example.com", "00000" + (i % 10)), NOW);
            }
            return null;
        });
        Set<Long> claimed = Collections.synchronizedSet(new HashSet<>());
        List<Long> duplicates = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (true) {
                    Optional<MailQueue.ClaimedMail> mail = db.transactions().inTransaction(() -> db.mailQueue().claimNext(NOW, Duration.ofMinutes(5)));
                    if (mail.isEmpty()) {
                        return;
                    }
                    if (!claimed.add(mail.get().id())) {
                        duplicates.add(mail.get().id());
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        assertThat(duplicates).isEmpty();
        assertThat(claimed).hasSize(40);
    }

    @Test
    void anEventIsStoredOnlyForSubscribersAndReachesItsOwnerAndTheStaff() {
        User a = db.users().create("hook-a" + System.nanoTime(), null, "x", Role.DISTRIBUTOR, Approval.APPROVED);
        User b = db.users().create("hook-b" + System.nanoTime(), null, "x", Role.DISTRIBUTOR, Approval.APPROVED);
        WebhookEvent redeemedOfA = WebhookEvent.of(EventType.CODE_REDEEMED, Optional.of(a.id()), NOW, "code", "HUB1", "at", NOW);

        assertThat(db.transactions().inTransaction(() -> db.webhookEvents().publish(redeemedOfA))).isZero();
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("webhook_events"))).as("no subscriber: nothing stored").isZero();

        long aHook = endpoint(Optional.of(a.id()), EnumSet.of(EventType.CODE_REDEEMED));
        long bHook = endpoint(Optional.of(b.id()), EnumSet.of(EventType.CODE_REDEEMED));
        long staffHook = endpoint(Optional.empty(), EnumSet.of(EventType.CODE_REDEEMED, EventType.ORDER_PAID));
        long aOrders = endpoint(Optional.of(a.id()), EnumSet.of(EventType.ORDER_PAID));
        assertThat(db.transactions().inTransaction(() -> db.webhookEvents().publish(redeemedOfA))).isEqualTo(2);

        List<Long> receivers = db.dsl().fetch("select endpoint_id from webhook_deliveries order by endpoint_id").getValues(0, Long.class);
        assertThat(receivers).containsExactly(aHook, staffHook);
        assertThat(receivers).doesNotContain(bHook, aOrders);
        assertThat(db.dsl().fetchOne("select payload::text from webhook_events").get(0, String.class))
                .isEqualTo("{\"at\": \"2026-12-07T10:00:00Z\", \"code\": \"HUB1\"}");

        DeliveryJob job = db.transactions().inTransaction(() -> db.webhookDeliveries().claimNext(NOW, Duration.ofMinutes(1))).orElseThrow();
        assertThat(job.secret()).isEqualTo("whsec_test_" + job.url().getPath().substring(1));
        assertThat(job.body()).startsWith("{\"id\": ").contains("\"type\": \"code.redeemed\"")
                .contains("\"data\": {\"at\": \"2026-12-07T10:00:00Z\", \"code\": \"HUB1\"}").contains("\"created_at\": \"2026-12-07T10:00:00.000000Z\"");
        // a live claim cannot be redelivered; after the worker settled it, it can
        long endpoint = db.dsl().fetchOne("select endpoint_id from webhook_deliveries where id = " + job.deliveryId()).get(0, Long.class);
        assertThat(db.transactions().inTransaction(() -> db.webhookDeliveries().redeliver(endpoint, job.deliveryId(), NOW.plusSeconds(1))))
                .isFalse();
        assertThat(db.transactions().inTransaction(() -> db.webhookDeliveries().failed(job, Optional.of(500), "HTTP 500"))).isTrue();
        assertThat(db.transactions().inTransaction(() -> db.webhookDeliveries().delivered(job, NOW, 200))).as("a settled claim is spent").isFalse();
        assertThat(db.transactions().inTransaction(() -> db.webhookDeliveries().redeliver(endpoint, job.deliveryId(), NOW.plusSeconds(2))))
                .isTrue();
        DeliveryJob again = db.transactions().inTransaction(() -> db.webhookDeliveries().claimNext(NOW.plusSeconds(2), Duration.ofMinutes(1)))
                .filter(j -> j.deliveryId() == job.deliveryId()).orElseGet(() ->
                        db.transactions().inTransaction(() -> db.webhookDeliveries().claimNext(NOW.plusSeconds(2), Duration.ofMinutes(1))).orElseThrow());
        assertThat(again.attempt()).isEqualTo(1);
        assertThat(again.retrySince()).isEqualTo(NOW.plusSeconds(2).truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void retentionDeletesOnlySettledRowsPastTheirTime() {
        db.transactions().inTransaction(() -> {
            db.mailOutbox().enqueue(code("old-sent@example.com", "1"), NOW);
            db.mailOutbox().enqueue(code("old-pending@example.com", "2"), NOW);
            db.mailOutbox().enqueue(code("new-sent@example.com", "3"), NOW);
            return null;
        });
        db.dsl().execute("update mail_outbox set status = 'SENT', sealed_values = null where recipient <> 'old-pending@example.com'");
        db.dsl().execute("update mail_outbox set created_at = ?::timestamptz where recipient like 'old-%'", Rows.at(NOW.minus(Duration.ofDays(40))));

        assertThat(db.transactions().inTransaction(() -> db.mailQueue().purgeSettled(NOW.minus(Duration.ofDays(30)), 100))).isEqualTo(1);
        assertThat(db.dsl().fetch("select recipient from mail_outbox order by id").getValues(0, String.class))
                .containsExactly("old-pending@example.com", "new-sent@example.com");

        long hook = endpoint(Optional.empty(), EnumSet.of(EventType.ORDER_PAID));
        for (int i = 0; i < 3; i++) {
            int n = i;
            db.transactions().inTransaction(() -> db.webhookEvents().publish(WebhookEvent.of(EventType.ORDER_PAID, Optional.empty(),
                    NOW.minus(Duration.ofDays(40 - n * 20)), "order_no", "O" + n)));
        }
        DeliveryJob first = db.transactions().inTransaction(() -> db.webhookDeliveries().claimNext(NOW, Duration.ofMinutes(1))).orElseThrow();
        db.transactions().inTransaction(() -> {
            db.webhookDeliveries().recordAttempt(first.deliveryId(), NOW, Optional.of(200), Optional.empty(), Duration.ofMillis(5));
            return db.webhookDeliveries().delivered(first, NOW, 200);
        });
        // events 40 and 20 days old: the first delivered, the second still PENDING; the third is new
        assertThat(db.transactions().inTransaction(() -> db.webhookDeliveries().purgeSettled(NOW.minus(Duration.ofDays(10)), 100))).isEqualTo(1);
        assertThat(db.dsl().fetch("select payload->>'order_no' from webhook_events order by id").getValues(0, String.class))
                .containsExactly("O1", "O2");
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("webhook_attempts"))).isZero();
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("webhook_deliveries"))).isEqualTo(2);
        assertThat(hook).isPositive();
    }

    private long endpoint(Optional<io.invitehub.domain.user.UserId> owner, Set<EventType> events) {
        long next = db.dsl().fetchOne("select coalesce(max(id), 0) + 1 from webhook_endpoints").get(0, Long.class);
        return db.transactions().inTransaction(() -> db.webhookEndpoints().create(owner,
                EndpointUrl.parse("https://hooks.example.com/" + next, false), events, "whsec_test_" + next, Optional.empty(), Optional.empty()))
                .id();
    }
}

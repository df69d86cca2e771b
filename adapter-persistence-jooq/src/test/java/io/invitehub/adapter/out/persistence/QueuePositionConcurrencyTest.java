package io.invitehub.adapter.out.persistence;

import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.application.redemption.service.PublicRedemptionQueryService;
import io.invitehub.application.recipients.service.RecipientPolicy;
import io.invitehub.application.recipients.service.RecipientSettings;
import io.invitehub.application.redemption.service.RedeemService;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 §4 with real threads on PostgreSQL: redemptions into a full pool are told a queue position
 * that is true once they are committed — the position the customer polls right after is the one the
 * redemption answered, and the answered positions are distinct and without gaps. Before the queue's
 * lock (ADR 14, ADR 28) the position was counted before commit and missed concurrent waiters that
 * were not committed yet: customers were told better places than they polled.
 */
class QueuePositionConcurrencyTest {
    private static JooqPersistence db;

    @BeforeAll
    static void database() {
        db = TestPostgres.freshPersistence();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void everyAnsweredQueuePositionIsTheOnePolledRightAfterDistinctAndGapFree() throws Exception {
        RedeemService redeem = new RedeemService(db.transactions(), db.codes(), db.codeUses(), db.invitations(), db.teams(), db.seats(),
                StatisticsRecount.unlimited(), StatisticsRecount.noWakeUps(), Clock.systemUTC(), RedemptionSettings.defaults(),
                new RecipientPolicy(db.recipients(), new RecipientSettings(1_000_000, Duration.ZERO)));
        PublicRedemptionQueryService queries = new PublicRedemptionQueryService(db.codes(), db.invitations(), db.teams(), db.seats(),
                Clock.systemUTC(), StatisticsRecount.unlimited(), RedemptionSettings.defaults(),
                new io.invitehub.application.fakes.InMemorySeatsCache(Clock.systemUTC()), Duration.ZERO);
        db.transactions().inTransaction(() -> db.teams().create(new NewTeam("one seat", "acct-one", "t", 1, Optional.empty())));
        var generator = StatisticsRecount.counting("HP");
        Code seated = generator.next();
        codes(List.of(seated));
        assertThat(redeem.redeem(new RedeemCommand(seated, Email.of("first@example.com"), "10.0.0.1")).invitation().state())
                .isEqualTo(InvitationState.RESERVED); // the pool is full from now on

        int perRound = 40;
        for (int round = 0; round < 3; round++) {
            List<Code> codes = new ArrayList<>();
            for (int i = 0; i < perRound; i++) {
                codes.add(generator.next());
            }
            codes(codes);
            ConcurrentLinkedQueue<long[]> answeredAndPolled = new ConcurrentLinkedQueue<>();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(perRound);
            int r = round;
            for (int i = 0; i < perRound; i++) {
                Code code = codes.get(i);
                Email email = Email.of("waiter-" + r + "-" + i + "@example.com");
                new Thread(() -> {
                    try {
                        go.await();
                        RedemptionResult result = redeem.redeem(new RedeemCommand(code, email, "10.0.1.1"));
                        long answered = result.queuePosition().orElseThrow();
                        long polled = queries.invitation(result.invitation().publicId()).queuePosition().orElseThrow();
                        answeredAndPolled.add(new long[]{answered, polled});
                    } catch (Throwable e) {
                        failures.add(e);
                    } finally {
                        done.countDown();
                    }
                }).start();
            }
            go.countDown();
            assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();

            assertThat(failures).isEmpty();
            assertThat(answeredAndPolled).hasSize(perRound);
            // nobody is promoted here (no seat frees up), so a position cannot move: answered = polled
            assertThat(answeredAndPolled).allSatisfy(p -> assertThat(p[0]).as("answered vs polled").isEqualTo(p[1]));
            long before = (long) round * perRound;
            assertThat(answeredAndPolled.stream().map(p -> p[0]))
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(before + 1, before + perRound).boxed().toList());
        }
        // and the positions follow the queue order that promotion will use
        List<Long> byQueueOrder = db.dsl().fetch("select id from invitations where state = 'WAITING' order by queue_seq")
                .getValues(0, Long.class);
        for (int i = 0; i < byQueueOrder.size(); i++) {
            assertThat(db.invitations().queuePosition(new io.invitehub.domain.invitation.InvitationId(byQueueOrder.get(i))))
                    .contains(i + 1L);
        }
    }

    private static void codes(List<Code> codes) {
        db.transactions().inTransaction(() -> db.codes().insertNew(codes,
                new CodeTerms(Optional.empty(), 1, 30, Optional.empty(), Optional.empty(), 1, Optional.empty()), Instant.now()));
    }
}

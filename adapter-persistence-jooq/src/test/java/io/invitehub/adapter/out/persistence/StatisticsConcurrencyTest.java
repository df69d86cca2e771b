package io.invitehub.adapter.out.persistence;

import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.service.RedeemService;
import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads redeem codes of ONE distributor at once (plus repeats and wrong e-mails): the
 * striped rollups equal the recount exactly, and the writes really spread over several stripes.
 */
class StatisticsConcurrencyTest {
    private static final Money PRICE = Money.ofMinor(100, Money.CNY);
    private static JooqPersistence db;

    @BeforeAll
    static void database() {
        db = TestPostgres.freshPersistence();
        db.statistics().useBusinessTimeZone(ZoneId.of("Asia/Shanghai"));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void concurrentRedemptionsOfOneDistributorAreCountedExactly() throws Exception {
        User d = db.users().create("big", "big@dist.com", "x", Role.DISTRIBUTOR, Approval.APPROVED);
        db.transactions().inTransaction(() -> {
            for (int t = 0; t < 4; t++) {
                db.teams().create(new NewTeam("t" + t, "acct" + t, "cred", 200, Optional.empty()));
            }
        });
        int codeCount = 300;
        var generator = StatisticsRecount.counting("HB");
        List<Code> codes = new ArrayList<>();
        for (int i = 0; i < codeCount; i++) {
            codes.add(generator.next());
        }
        db.transactions().inTransaction(() -> db.codes().insertNew(codes,
                new CodeTerms(Optional.of(d.id()), 1, 30, Optional.empty(), Optional.empty(), 1, Optional.empty()), Instant.now()));
        RedeemService redeem = new RedeemService(db.transactions(), db.codes(), db.invitations(), db.teams(),
                StatisticsRecount.unlimited(), StatisticsRecount.noWakeUps(), Clock.systemUTC(), RedemptionSettings.defaults(),
                new io.invitehub.application.recipients.service.RecipientPolicy(db.recipients(), new io.invitehub.application.recipients.service.RecipientSettings(1_000_000, java.time.Duration.ZERO)));

        int threads = 12;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger successes = new AtomicInteger();
        Map<ErrorCode, AtomicInteger> refusals = new ConcurrentHashMap<>();
        List<Throwable> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                try {
                    start.await();
                    for (int i = next.getAndIncrement(); i < codeCount * 2; i = next.getAndIncrement()) {
                        int code = i % codeCount;
                        // first pass: the owner e-mail; second pass: every third a repeat, the rest a wrong e-mail
                        String email = i < codeCount || i % 3 == 0 ? "m" + code + "@example.com" : "x" + i + "@example.com";
                        try {
                            redeem.redeem(new RedeemCommand(codes.get(code), Email.of(email), "10.0.0.1"));
                            successes.incrementAndGet();
                        } catch (DomainException e) {
                            refusals.computeIfAbsent(e.code(), c -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    unexpected.add(e);
                } finally {
                    finished.countDown();
                }
            }).start();
        }
        start.countDown();
        assertThat(finished.await(120, TimeUnit.SECONDS)).isTrue();
        assertThat(unexpected).isEmpty();

        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("invitations"))).isEqualTo(codeCount);
        Instant now = Instant.now();
        DistributorSummary actual = db.statistics().summary(d.id(), now, PRICE);
        DistributorSummary expected = new StatisticsRecount(db.dsl(), ZoneId.of("Asia/Shanghai")).summary(d.id(), now, PRICE);
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.redeemAttempts()).isEqualTo(codeCount);
        assertThat(actual.depletedCodes()).isEqualTo(codeCount);
        assertThat(actual.today().redeemed()).isEqualTo(codeCount);
        assertThat(successes.get() + refusals.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(codeCount * 2);
        assertThat(refusals.keySet()).containsOnly(ErrorCode.EMAIL_MISMATCH);
        int stripes = db.dsl().fetchCount(db.dsl().selectFrom("distributor_stats").where("distributor_id = " + d.id().value()));
        assertThat(stripes).isGreaterThan(1);
    }
}

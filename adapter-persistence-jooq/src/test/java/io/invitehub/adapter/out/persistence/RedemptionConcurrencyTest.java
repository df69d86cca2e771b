package io.invitehub.adapter.out.persistence;

import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.application.redemption.service.RedeemService;
import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.application.shared.port.out.RateLimiter;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeAlphabet;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;


import static io.invitehub.adapter.out.persistence.generated.Tables.INVITATIONS;
import static io.invitehub.adapter.out.persistence.generated.Tables.REDEEM_CODES;
import static io.invitehub.adapter.out.persistence.generated.Tables.TEAMS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The concurrency claims of redemption, asserted exactly with real threads on real PostgreSQL:
 * a code binds one e-mail, an idempotent repeat never takes a second use, and seats are never
 * over-allocated while none is left unused.
 */
class RedemptionConcurrencyTest {
    private static JooqPersistence db;
    private RedeemService service;
    private final Random random = new Random(42);

    @BeforeAll
    static void database() {
        db = TestPostgres.freshPersistence();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void service() {
        db.dsl().execute("truncate invitations, redeem_codes, teams, team_groups, users restart identity cascade");
        RateLimiter unlimited = io.invitehub.application.fakes.InMemoryRateLimiter.unlimited();
        WakeUps ignored = new WakeUps() {
            @Override
            public void signal(Work work) {
            }

            @Override
            public boolean await(Work work, Duration max) {
                return false;
            }
        };
        service = new RedeemService(db.transactions(), db.codes(), db.invitations(), db.teams(), unlimited, ignored,
                Clock.systemUTC(), RedemptionSettings.defaults(),
                new io.invitehub.application.recipients.service.RecipientPolicy(db.recipients(), new io.invitehub.application.recipients.service.RecipientSettings(1_000_000, java.time.Duration.ZERO)));
    }

    @Test
    void twoHundredEmailsRaceForOneCodeAndExactlyOneWins() throws Exception {
        team("t1", 500);
        Code code = codes(1, 50).get(0);

        Outcomes outcomes = race(200, i -> new RedeemCommand(code, Email.of("racer" + i + "@example.com"), "10.0.0." + i));

        assertThat(outcomes.successes).hasSize(1);
        assertThat(outcomes.refusals).hasSize(199);
        assertThat(outcomes.refusals.values()).containsOnly(ErrorCode.EMAIL_MISMATCH);
        assertThat(outcomes.unexpected).isEmpty();
        assertThat(usedCount(code)).isEqualTo(1);
        assertThat(db.dsl().fetchCount(INVITATIONS)).isEqualTo(1);
        String winner = outcomes.successes.get(0).invitation().email().value();
        assertThat(db.dsl().select(REDEEM_CODES.BOUND_EMAIL).from(REDEEM_CODES).fetchSingle(REDEEM_CODES.BOUND_EMAIL)).isEqualTo(winner);
    }

    @Test
    void twoHundredRepeatsOfOneEmailTakeOneUseAndShareOneInvitation() throws Exception {
        team("t1", 500);
        Code code = codes(1, 50).get(0);
        Email email = Email.of("same@example.com");

        Outcomes outcomes = race(200, i -> new RedeemCommand(code, email, "10.0.1." + i));

        assertThat(outcomes.unexpected).isEmpty();
        assertThat(outcomes.refusals).isEmpty();
        assertThat(outcomes.successes).hasSize(200);
        assertThat(outcomes.successes.stream().map(r -> r.invitation().publicId()).distinct()).hasSize(1);
        assertThat(outcomes.successes.stream().filter(r -> !r.repeated())).hasSize(1);
        assertThat(usedCount(code)).isEqualTo(1);
        assertThat(db.dsl().fetchCount(INVITATIONS, INVITATIONS.STATE.in("WAITING", "RESERVED", "INVITED", "JOINED", "REMOVING"))).isEqualTo(1);
        assertThat(db.dsl().select(TEAMS.SEATS_RESERVED).from(TEAMS).fetchSingle(TEAMS.SEATS_RESERVED)).isEqualTo(1);
    }

    @Test
    void threeHundredCodesForOneHundredSeatsSeatExactlyOneHundredAndQueueTheRest() throws Exception {
        Team a = team("a", 30);
        Team b = team("b", 30);
        Team c = team("c", 40);
        List<Code> codes = codes(300, 1);

        Outcomes outcomes = race(300, i -> new RedeemCommand(codes.get(i), Email.of("seat" + i + "@example.com"), "10.0.2." + i));

        assertThat(outcomes.unexpected).isEmpty();
        assertThat(outcomes.refusals).isEmpty();
        assertThat(outcomes.successes).hasSize(300);
        assertThat(outcomes.successes.stream().filter(r -> r.invitation().state() == InvitationState.RESERVED)).hasSize(100);
        List<RedemptionResult> waiting = outcomes.successes.stream()
                .filter(r -> r.outcome() == RedemptionResult.Outcome.WAITING_FOR_SEAT).toList();
        assertThat(waiting).hasSize(200);

        Map<Long, Integer> reservedPerTeam = db.dsl().select(TEAMS.ID, TEAMS.SEATS_RESERVED).from(TEAMS)
                .fetchMap(TEAMS.ID, TEAMS.SEATS_RESERVED);
        assertThat(reservedPerTeam).containsExactlyInAnyOrderEntriesOf(Map.of(
                a.id().value(), 30, b.id().value(), 30, c.id().value(), 40));
        Map<Long, Integer> livePerTeam = db.dsl().select(INVITATIONS.TEAM_ID, org.jooq.impl.DSL.count()).from(INVITATIONS)
                .where(INVITATIONS.STATE.eq("RESERVED")).groupBy(INVITATIONS.TEAM_ID)
                .fetchMap(INVITATIONS.TEAM_ID, org.jooq.impl.DSL.count());
        assertThat(livePerTeam).isEqualTo(reservedPerTeam);
        assertThat(db.dsl().fetchCount(INVITATIONS, INVITATIONS.STATE.eq("WAITING"))).isEqualTo(200);
        assertThat(db.dsl().fetchValue("select sum(used_count) from redeem_codes", Long.class)).isEqualTo(300L);
        assertThat(db.teams().seatSummary().freeSeats()).isZero();
        assertThat(db.teams().seatSummary().waiting()).isEqualTo(200);

        // queue positions, asked now that everyone is in, are exactly 1..200 in arrival order
        Set<Long> positions = new HashSet<>();
        for (RedemptionResult w : waiting) {
            positions.add(db.invitations().queuePosition(w.invitation().id()).orElseThrow());
        }
        assertThat(positions).hasSize(200).allMatch(p -> p >= 1 && p <= 200);
    }

    @Test
    void aSingleUseCodeRedeemedConcurrentlyByManyEmailsNeverExceedsItsUse() throws Exception {
        team("t1", 500);
        List<Code> codes = codes(20, 1);
        AtomicInteger n = new AtomicInteger();

        Outcomes outcomes = race(200, i -> new RedeemCommand(codes.get(i % 20), Email.of("m" + n.incrementAndGet() + "@example.com"), "10.0.3." + i));

        assertThat(outcomes.unexpected).isEmpty();
        assertThat(outcomes.successes).hasSize(20);
        assertThat(outcomes.refusals.values()).containsOnly(ErrorCode.EMAIL_MISMATCH);
        assertThat(db.dsl().fetchValue("select max(used_count) from redeem_codes", Integer.class)).isEqualTo(1);
        assertThat(db.dsl().fetchCount(INVITATIONS)).isEqualTo(20);
    }

    @Test
    void oneEmailRedeemingManyCodesAtOnceGetsExactlyOneSeat() throws Exception {
        for (int t = 0; t < 20; t++) {
            team("one-seat-" + t, 1);
        }
        List<Code> codes = codes(20, 1);
        Email email = Email.of("greedy@example.com");

        Outcomes outcomes = race(20, i -> new RedeemCommand(codes.get(i), email, "10.0.4." + i));

        assertThat(outcomes.unexpected).isEmpty();
        assertThat(outcomes.successes).hasSize(1);
        assertThat(outcomes.refusals).hasSize(19);
        assertThat(outcomes.refusals.values()).containsOnly(ErrorCode.ALREADY_MEMBER);
        assertThat(db.dsl().fetchCount(INVITATIONS)).isEqualTo(1);
        assertThat(db.dsl().fetchValue("select sum(used_count) from redeem_codes", Long.class)).isEqualTo(1L);
        assertThat(db.dsl().fetchValue("select sum(seats_reserved) from teams", Long.class)).isEqualTo(1L);
    }

    // ---- helpers

    private record Outcomes(List<RedemptionResult> successes, Map<Integer, ErrorCode> refusals, List<Throwable> unexpected) {
    }

    private Outcomes race(int threads, IntFunction<RedeemCommand> command) throws InterruptedException {
        List<RedemptionResult> successes = new ArrayList<>();
        Map<Integer, ErrorCode> refusals = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    RedemptionResult result = service.redeem(command.apply(index));
                    synchronized (successes) {
                        successes.add(result);
                    }
                } catch (DomainException e) {
                    refusals.put(index, e.code());
                } catch (Throwable e) {
                    unexpected.add(e);
                } finally {
                    done.countDown();
                }
            }, "redeemer-" + i);
            t.start();
            started.add(t);
        }
        ready.await();
        go.countDown();
        assertThat(done.await(120, TimeUnit.SECONDS)).as("all redemptions finished").isTrue();
        unexpected.forEach(Throwable::printStackTrace);
        return new Outcomes(successes, refusals, new ArrayList<>(unexpected));
    }

    private Team team(String name, int seats) {
        return db.transactions().inTransaction(() -> db.teams().create(new NewTeam(name, "acct-" + name, "token", seats, Optional.empty())));
    }

    private List<Code> codes(int count, int maxUses) {
        CodeTerms terms = new CodeTerms(Optional.empty(), maxUses, 30, Optional.empty(), Optional.empty(), 1, Optional.empty());
        Set<Code> candidates = new HashSet<>();
        while (candidates.size() < count) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 11; i++) {
                body.append(CodeAlphabet.at(random.nextInt(CodeAlphabet.SIZE)));
            }
            candidates.add(Code.compose("HUB", body.toString()));
        }
        List<Code> inserted = db.transactions().inTransaction(() -> db.codes().insertNew(candidates, terms, Instant.now()));
        assertThat(inserted).hasSize(count);
        return new ArrayList<>(inserted);
    }

    private int usedCount(Code code) {
        return db.dsl().select(REDEEM_CODES.USED_COUNT).from(REDEEM_CODES).where(REDEEM_CODES.CODE.eq(code.value()))
                .fetchSingle(REDEEM_CODES.USED_COUNT);
    }

}

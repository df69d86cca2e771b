package io.invitehub.adapter.out.persistence;

import io.invitehub.application.fakes.ScriptedTeamProvider;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.membership.port.in.RemoveMemberCommand;
import io.invitehub.application.shared.port.out.InviteResult;
import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.codes.service.CodeManagementService;
import io.invitehub.application.dispatch.service.DispatchSettings;
import io.invitehub.application.dispatch.service.InviteDispatchService;
import io.invitehub.application.membership.service.LifecycleSettings;
import io.invitehub.application.membership.service.MemberRemovalService;
import io.invitehub.application.recipients.service.RecipientPolicy;
import io.invitehub.application.recipients.service.RecipientSettings;
import io.invitehub.application.redemption.service.RedeemService;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.application.queue.service.SeatQueueService;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 §3: the transactions that lock codes, invitations, teams and statistics rows run at the
 * same time, with real threads on real PostgreSQL, repeatedly — and none of them fails. Before the lock
 * order of ADR 28 these scenarios ended in {@code deadlock detected} (SQLSTATE 40P01), which the HTTP
 * layer answered with 500. Each scenario asserts no unexpected exception (a deadlock that the
 * transaction runner's retries could not absorb would be one) and exact numbers afterwards: every
 * code's {@code used_count} equals its invitations that hold a use, every team's {@code seats_reserved}
 * its seat-holding invitations, and the distributor's statistics equal a plain-SQL recount.
 */
class LockOrderConcurrencyTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static JooqPersistence db;

    private final ScriptedTeamProvider provider = new ScriptedTeamProvider();
    private final Clock clock = Clock.systemUTC();
    private RedeemService redeem;
    private InviteDispatchService dispatch;
    private MemberRemovalService removal;
    private CodeManagementService manage;
    private SeatQueueService promoter;
    private User distributor;
    private int codeSerial;
    private JooqTransactionRunner.Retries retriesBefore;

    @BeforeAll
    static void database() {
        db = TestPostgres.freshPersistence();
        db.statistics().useBusinessTimeZone(ZONE);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void world() {
        db.dsl().execute("truncate audit_log, invitations, redeem_codes, teams, team_groups, users restart identity cascade");
        redeem = new RedeemService(db.transactions(), db.codes(), db.codeUses(), db.invitations(), db.teams(), db.seats(),
                StatisticsRecount.unlimited(),
                StatisticsRecount.noWakeUps(), clock, RedemptionSettings.defaults(),
                new RecipientPolicy(db.recipients(), new RecipientSettings(1_000_000, Duration.ZERO)));
        dispatch = new InviteDispatchService(db.transactions(), db.dispatchOutbox(), db.teams(), db.seats(), db.codes(),
                db.codeUses(), provider,
                StatisticsRecount.noWakeUps(), clock, new DispatchSettings(20, 1, Duration.ofMillis(1), Duration.ofMillis(1),
                Duration.ofMinutes(1)));
        removal = new MemberRemovalService(db.transactions(), db.invitations(), db.removalClaims(), db.rebinds(), db.teams(),
                db.seats(), db.codes(), db.codeUses(), db.users(), provider, db.audit(), StatisticsRecount.noWakeUps(), clock, LifecycleSettings.defaults());
        manage = new CodeManagementService(db.transactions(), db.codes(), db.users(), clock);
        promoter = new SeatQueueService(db.transactions(), db.waitingQueue(), db.seats(), StatisticsRecount.noWakeUps(), clock,
                AllocationPolicy.FILL_FIRST, 10);
        distributor = db.users().create("dist", "dist@example.com", "h", Role.DISTRIBUTOR, Approval.APPROVED);
        retriesBefore = db.transactionRetries();
    }

    @Test
    void oneEmailRedeemingTwentyCodesAtOnceGetsOneInvitationAndNeverAServerError() throws Exception {
        for (int t = 0; t < 3; t++) {
            team("pool-" + t, 4);
        }
        int rounds = 15;
        Background workers = Background.start(this::dispatchAndPromote);
        List<Round> results = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<Code> codes = codes(20, 1);
            Email email = Email.of("greedy-" + round + "@example.com");
            results.add(race(20, i -> redeem.redeem(new RedeemCommand(codes.get(i), email, "10.0.0." + i))));
        }
        workers.stop();

        for (Round r : results) {
            assertThat(r.unexpected).as("server errors").isEmpty();
            assertThat(r.successes.get()).as("one of the 20 codes wins").isEqualTo(1);
            assertThat(r.refusals).containsOnly(Map.entry(ErrorCode.ALREADY_MEMBER, 19));
        }
        assertThat(db.dsl().fetchValue("select sum(used_count) from redeem_codes", Long.class)).isEqualTo((long) rounds);
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("invitations"))).isEqualTo(rounds);
        assertExact();
    }

    @Test
    void codeTogglesRacingWithRemovalsLeaveExactCounts() throws Exception {
        int members = 30;
        Team team = team("alpha", 100);
        List<Code> codes = codes(members, 3);
        for (int i = 0; i < members; i++) {
            redeem.redeem(new RedeemCommand(codes.get(i), Email.of("member-" + i + "@example.com"), "10.0.1.1"));
        }
        while (dispatch.dispatchBatch() > 0) {
            // send every invitation: the members are INVITED, removable
        }
        List<RedeemCodeId> codeIds = db.dsl().select(io.invitehub.adapter.out.persistence.generated.Tables.REDEEM_CODES.ID)
                .from(io.invitehub.adapter.out.persistence.generated.Tables.REDEEM_CODES)
                .fetch(r -> new RedeemCodeId(r.value1()));

        // every code is toggled an even number of times (so it ends enabled) while every member is removed
        int togglesPerCode = 4;
        Round r = race(members + codeIds.size() * togglesPerCode, i -> {
            if (i < members) {
                removal.remove(new RemoveMemberCommand(distributor.id(), Email.of("member-" + i + "@example.com"), team.id(),
                        Optional.empty()));
            } else {
                manage.toggle(distributor.id(), codeIds.get((i - members) % codeIds.size()));
            }
        });

        assertThat(r.unexpected).as("server errors").isEmpty();
        assertThat(r.refusals).isEmpty();
        assertThat(r.successes.get()).isEqualTo(members + codeIds.size() * togglesPerCode);
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("invitations").where("state = 'REMOVED'"))).isEqualTo(members);
        assertThat(db.dsl().fetchValue("select sum(used_count) from redeem_codes", Long.class)).isEqualTo(0L);
        assertThat(db.dsl().fetchValue("select bool_and(active) from redeem_codes", Boolean.class)).isEqualTo(true);
        assertThat(db.dsl().fetchValue("select seats_reserved from teams", Integer.class)).isEqualTo(0);
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("audit_log").where("action = 'MEMBER_REMOVE'"))).isEqualTo(members);
        assertExact();
    }

    @Test
    void theDispatchersPassRacingWithRedemptionsAndRemovalsLeavesExactCounts() throws Exception {
        // one team: every redemption, release and promotion meets on its row
        team("only", 150);
        int redemptions = 240;
        List<Code> codes = codes(redemptions, 3);
        // every third e-mail is refused by the provider for good: FAILED gives the seat and the use back
        provider.otherwise((account, emails) -> emails.stream()
                .map(e -> e.value().hashCode() % 3 == 0 ? InviteResult.failed(e, ProviderError.REJECTED, "no such mailbox")
                        : InviteResult.sent(e))
                .toList());
        AtomicInteger removed = new AtomicInteger();
        Runnable remover = () -> {
            // remove INVITED members as the dispatcher produces them
            for (org.jooq.Record m : db.dsl().fetch("select email, team_id from invitations where state = 'INVITED'"
                    + " order by random() limit 5")) {
                try {
                    removal.remove(new RemoveMemberCommand(distributor.id(), Email.of(m.get("email", String.class)),
                            new TeamId(m.get("team_id", Long.class)), Optional.empty()));
                    removed.incrementAndGet();
                } catch (DomainException e) {
                    // REMOVAL_IN_PROGRESS from the other remover, or already moved on
                }
            }
        };
        Background workers = Background.start(this::dispatchAndPromote, this::dispatchAndPromote, remover, remover);
        Round r = new Round();
        int wave = 40;
        for (int from = 0; from < redemptions; from += wave) {
            int first = from;
            r.add(race(wave, i -> redeem.redeem(new RedeemCommand(codes.get(first + i), Email.of("buyer-" + (first + i) + "@example.com"),
                    "10.0.2." + i))));
        }
        workers.stop();
        while (dispatch.dispatchBatch() + promoter.promoteWaiting() > 0) {
            // drain
        }

        assertThat(r.unexpected).as("server errors").isEmpty();
        assertThat(workers.unexpected).as("worker errors").isEmpty();
        assertThat(r.refusals).isEmpty();
        assertThat(r.successes.get()).isEqualTo(redemptions);
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("invitations"))).isEqualTo(redemptions);
        assertThat(removed.get()).isPositive();
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("invitations").where("state = 'FAILED'"))).isPositive();
        assertExact();
    }

    // ---- the exact numbers

    private void assertExact() {
        // the lock order, not the runner's retry, is what keeps these scenarios free of deadlocks
        assertThat(db.transactionRetries().deadlocks()).as("transactions PostgreSQL aborted as deadlocked")
                .isEqualTo(retriesBefore.deadlocks());
        assertThat(db.dsl().fetch("select c.code, c.used_count, (select count(*) from invitations i where i.code_id = c.id and i.holds_use) held"
                + " from redeem_codes c where c.used_count <> (select count(*) from invitations i where i.code_id = c.id and i.holds_use)"))
                .as("codes whose used_count differs from their invitations holding a use").isEmpty();
        assertThat(db.dsl().fetch("select t.name, t.seats_reserved from teams t where t.seats_reserved <> (select count(*) from invitations i"
                + " where i.team_id = t.id and i.state in ('RESERVED', 'INVITED', 'JOINED', 'REMOVING'))"))
                .as("teams whose seats_reserved differs from their seat-holding invitations").isEmpty();
        Instant now = Instant.now();
        Money price = Money.ofMinor(100, Money.CNY);
        assertThat(db.statistics().summary(distributor.id(), now, price))
                .isEqualTo(new StatisticsRecount(db.dsl(), ZONE).summary(distributor.id(), now, price));
    }

    // ---- helpers

    private void dispatchAndPromote() {
        dispatch.dispatchBatch();
        promoter.promoteWaiting();
    }

    /** Runs {@code action(i)} for i in [0, n) on n threads released at once. */
    private Round race(int n, IntAction action) throws InterruptedException {
        Round round = new Round();
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    action.run(index);
                    round.successes.incrementAndGet();
                } catch (DomainException e) {
                    round.refusals.merge(e.code(), 1, Integer::sum);
                } catch (Throwable e) {
                    round.unexpected.add(e);
                } finally {
                    done.countDown();
                }
            }, "racer-" + i).start();
        }
        ready.await();
        go.countDown();
        assertThat(done.await(180, TimeUnit.SECONDS)).as("every thread finished").isTrue();
        round.unexpected.forEach(Throwable::printStackTrace);
        return round;
    }

    @FunctionalInterface
    private interface IntAction {
        void run(int i) throws Exception;
    }

    private static final class Round {
        final AtomicInteger successes = new AtomicInteger();
        final Map<ErrorCode, Integer> refusals = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();

        void add(Round other) {
            successes.addAndGet(other.successes.get());
            other.refusals.forEach((code, n) -> refusals.merge(code, n, Integer::sum));
            unexpected.addAll(other.unexpected);
        }
    }

    /** Loops running next to a race until stopped; what they throw (other than refusals) is kept. */
    private static final class Background {
        final AtomicBoolean running = new AtomicBoolean(true);
        final ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        final List<Thread> threads = new ArrayList<>();

        static Background start(Runnable... loops) {
            Background b = new Background();
            for (Runnable loop : loops) {
                Thread t = new Thread(() -> {
                    while (b.running.get()) {
                        try {
                            loop.run();
                            Thread.sleep(2);
                        } catch (InterruptedException e) {
                            return;
                        } catch (Throwable e) {
                            e.printStackTrace();
                            b.unexpected.add(e);
                        }
                    }
                }, "background");
                t.start();
                b.threads.add(t);
            }
            return b;
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(60_000);
            }
        }
    }

    private Team team(String name, int seats) {
        return db.transactions().inTransaction(() -> db.teams().create(new NewTeam(name, "acct-" + name, "token", seats, Optional.empty())));
    }

    private List<Code> codes(int count, int maxUses) {
        int serial = codeSerial++;
        var generator = StatisticsRecount.counting("H" + io.invitehub.domain.code.CodeAlphabet.at(serial % io.invitehub.domain.code.CodeAlphabet.SIZE));
        List<Code> fresh = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fresh.add(generator.next());
        }
        return db.transactions().inTransaction(() -> db.codes().insertNew(fresh, new CodeTerms(Optional.of(distributor.id()), maxUses, 30,
                Optional.empty(), Optional.empty(), 1, Optional.empty()), Instant.now()));
    }
}

package io.invitehub.adapter.out.persistence;

import io.invitehub.application.queue.service.SeatQueueService;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.application.redemption.service.RedeemService;
import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeAlphabet;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.invitehub.adapter.out.persistence.generated.Tables.INVITATIONS;
import static io.invitehub.adapter.out.persistence.generated.Tables.TEAMS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waiting queue under real concurrency on PostgreSQL: seats freed by many threads at once while
 * several promoters run; the promoted invitations are exactly the oldest of their queue, no team ever
 * holds more than max_seats, and a queue whose group has no room keeps its place without blocking others.
 */
class QueuePromotionConcurrencyTest {
    private static JooqPersistence db;
    private RedeemService redeem;
    private SeatQueueService promoter;
    private int codeCounter;

    @BeforeAll
    static void database() {
        db = TestPostgres.freshPersistence();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void services() {
        db.dsl().execute("truncate invitations, redeem_codes, teams, team_groups, users restart identity cascade");
        redeem = new RedeemService(db.transactions(), db.codes(), db.invitations(), db.teams(), StatisticsRecount.unlimited(),
                StatisticsRecount.noWakeUps(), Clock.systemUTC(), RedemptionSettings.defaults(),
                new io.invitehub.application.recipients.service.RecipientPolicy(db.recipients(),
                        new io.invitehub.application.recipients.service.RecipientSettings(1_000_000, java.time.Duration.ZERO)));
        promoter = new SeatQueueService(db.transactions(), db.invitations(), db.teams(), StatisticsRecount.noWakeUps(),
                Clock.systemUTC(), AllocationPolicy.FILL_FIRST, 5);
    }

    @Test
    void seatsFreedConcurrentlyGoToTheOldestWaitingInQueueOrderNeverOverMaxSeats() throws Exception {
        TeamGroupId gold = db.transactions().inTransaction(() -> db.teams().createGroup("gold"));
        Team goldTeam = team("gold", 2, Optional.of(gold));
        List<Team> plain = List.of(team("a", 10), team("b", 10), team("c", 10));
        // fill every seat: 2 gold, then 30 plain ones
        List<Invitation> seated = new ArrayList<>();
        seated.add(redeemed(Optional.of(gold)));
        seated.add(redeemed(Optional.of(gold)));
        List<Invitation> plainSeated = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            plainSeated.add(redeemed(Optional.empty()));
        }
        assertThat(plainSeated).allSatisfy(inv -> assertThat(inv.state()).isEqualTo(InvitationState.RESERVED));
        // 40 ungrouped and 10 gold invitations wait, interleaved in time
        List<Invitation> waiting = new ArrayList<>();
        List<Invitation> goldWaiting = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            waiting.add(redeemed(Optional.empty()));
            if (i % 4 == 0) {
                goldWaiting.add(redeemed(Optional.of(gold)));
            }
        }
        assertThat(waiting).allSatisfy(inv -> assertThat(inv.state()).isEqualTo(InvitationState.WAITING));
        assertThat(goldWaiting).allSatisfy(inv -> assertThat(inv.state()).isEqualTo(InvitationState.WAITING));

        // 24 threads each fail one plain seat holder (seat given back) and run the promoter; 4 more
        // promoters poll meanwhile
        int releasers = 24;
        int pollers = 4;
        CountDownLatch ready = new CountDownLatch(releasers + pollers);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger releasing = new AtomicInteger(releasers);
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger overMax = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < releasers; i++) {
            Invitation victim = plainSeated.get(i);
            threads.add(new Thread(() -> run(ready, go, unexpected, () -> {
                db.transactions().inTransaction(() -> db.invitations()
                        .transition(victim.id(), InvitationState.RESERVED, InvitationState.FAILED, Instant.now(), "test")
                        .ifPresent(failed -> {
                            db.teams().releaseSeat(failed.teamId().orElseThrow());
                            db.codes().giveUseBack(failed.id());
                        }));
                promoter.promoteWaiting();
                releasing.decrementAndGet();
            }), "releaser-" + i));
        }
        for (int i = 0; i < pollers; i++) {
            threads.add(new Thread(() -> run(ready, go, unexpected, () -> {
                while (releasing.get() > 0) {
                    promoter.promoteWaiting();
                    overMax.addAndGet(db.dsl().fetchCount(TEAMS, TEAMS.SEATS_RESERVED.plus(TEAMS.EXTERNAL_SEATS).gt(TEAMS.MAX_SEATS)));
                }
            }), "poller-" + i));
        }
        threads.forEach(Thread::start);
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        for (Thread t : threads) {
            t.join(120_000);
            assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
        }
        assertThat(unexpected).isEmpty();
        promoter.promoteWaiting(); // a final pass, as the poll would do

        // exactly the 24 oldest ungrouped invitations got the 24 freed seats, in queue order
        List<InvitationState> states = waiting.stream().map(this::state).toList();
        assertThat(states.subList(0, 24)).containsOnly(InvitationState.RESERVED);
        assertThat(states.subList(24, 40)).containsOnly(InvitationState.WAITING);
        for (int i = 24; i < 40; i++) {
            assertThat(db.invitations().queuePosition(waiting.get(i).id())).contains((long) i - 23);
        }
        // the gold queue had no room: untouched, positions intact
        assertThat(goldWaiting).extracting(this::state).containsOnly(InvitationState.WAITING);
        assertThat(db.invitations().queuePosition(goldWaiting.get(0).id())).contains(1L);
        assertThat(db.dsl().fetchValue("select seats_reserved from teams where id = ?", goldTeam.id().value())).isEqualTo(2);
        // never over max_seats, and every counter equals its seat-holding invitations
        assertThat(overMax.get()).isZero();
        for (Team t : plain) {
            int holders = db.dsl().fetchCount(INVITATIONS, INVITATIONS.TEAM_ID.eq(t.id().value())
                    .and(INVITATIONS.STATE.in("RESERVED", "INVITED", "JOINED", "REMOVING")));
            Integer counter = db.dsl().select(TEAMS.SEATS_RESERVED).from(TEAMS).where(TEAMS.ID.eq(t.id().value())).fetchSingle(TEAMS.SEATS_RESERVED);
            assertThat(counter).as("team " + t.name()).isEqualTo(holders).isEqualTo(10);
        }
        assertThat(seated).allSatisfy(inv -> assertThat(state(inv)).isEqualTo(InvitationState.RESERVED));
    }

    private static void run(CountDownLatch ready, CountDownLatch go, ConcurrentLinkedQueue<Throwable> unexpected, Runnable work) {
        ready.countDown();
        try {
            go.await();
            work.run();
        } catch (Throwable e) {
            unexpected.add(e);
            e.printStackTrace();
        }
    }

    private InvitationState state(Invitation inv) {
        return db.invitations().findById(inv.id()).orElseThrow().state();
    }

    private Team team(String name, int seats) {
        return team(name, seats, Optional.empty());
    }

    private Team team(String name, int seats, Optional<TeamGroupId> group) {
        return db.transactions().inTransaction(() -> db.teams().create(new NewTeam(name, "acct-" + name, "token", seats, group)));
    }

    /** A new one-use code (of {@code group}) redeemed by a new e-mail. */
    private Invitation redeemed(Optional<TeamGroupId> group) {
        int n = ++codeCounter;
        StringBuilder body = new StringBuilder();
        for (int i = 0, v = n; i < 11; i++, v /= CodeAlphabet.SIZE) {
            body.append(CodeAlphabet.at(v % CodeAlphabet.SIZE));
        }
        Code code = Code.compose("HUB", body.reverse().toString());
        CodeTerms terms = new CodeTerms(Optional.empty(), 1, 30, Optional.empty(), group, 1, Optional.empty());
        db.transactions().inTransaction(() -> db.codes().insertNew(List.of(code), terms, Instant.now()));
        RedemptionResult result = redeem.redeem(new RedeemCommand(code, Email.of("q" + n + "@example.com"), "10.0.0.1"));
        return result.invitation();
    }
}

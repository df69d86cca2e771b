package io.invitehub.bootstrap;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.provider.simulated.SimulatedTeamProvider;
import io.invitehub.adapter.out.provider.simulated.SimulationSettings;
import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.fakes.MutableClock;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.Actor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Provider faults from the simulated provider end in a visible state: FAILED with the seat and the
 * use given back, never stuck in RESERVED. The dispatcher is driven by hand with a test clock, so
 * backoff waits pass instantly.
 */
class ProviderFaultsTest {
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    private InviteHub hub;
    private Sql sql;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private SimulatedTeamProvider start(SimulationSettings simulation, int maxAttempts) {
        // the teams are created (and their credentials verified) before the faults are switched on
        SimulatedTeamProvider provider = new SimulatedTeamProvider(SimulationSettings.defaults().withLatency(Duration.ZERO, Duration.ZERO),
                clock, new Random(7));
        PersistenceSettings db = TestHubs.freshDatabase();
        sql = new Sql(db);
        hub = InviteHub.builder(TestHubs.settings(Map.of("INVITEHUB_DISPATCH_MAX_ATTEMPTS", String.valueOf(maxAttempts))))
                .persistence(db).teamProvider(provider).clock(clock).http(false).workers(false).start();
        hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "A", "acct-a", "token", 10, Optional.empty()));
        hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "B", "acct-b", "token", 10, Optional.empty()));
        provider.setSettings(simulation);
        return provider;
    }

    @Test
    void transientErrorsOnEveryCallEndInFailedWithSeatsAndUsesGivenBack() {
        start(SimulationSettings.defaults().withTransientErrorRate(1.0), 3);
        List<Code> codes = codes(15);
        for (int i = 0; i < codes.size(); i++) {
            assertThat(redeem(codes.get(i), i).invitation().state()).isEqualTo(InvitationState.RESERVED);
        }
        assertThat(sql.count("select sum(used_count) from redeem_codes")).isEqualTo(15);

        drain();

        assertThat(sql.count("select count(*) from invitations where state = 'FAILED'")).isEqualTo(15);
        assertThat(sql.count("select count(*) from invitations where state = 'FAILED' and attempts = 2 and end_reason like 'TRANSIENT%'")).isEqualTo(15);
        assertThat(sql.count("select sum(used_count) from redeem_codes")).isZero();
        assertThat(sql.count("select sum(seats_reserved) from teams")).isZero();

        // the use is back: the customer can simply redeem again
        assertThat(redeem(codes.get(0), 0).invitation().state()).isEqualTo(InvitationState.RESERVED);
        assertThat(sql.count("select sum(used_count) from redeem_codes")).isEqualTo(1);
    }

    @Test
    void timeoutsEndInFailedToo() {
        start(SimulationSettings.defaults().withTimeouts(1.0, Duration.ofMillis(5)), 2);
        List<Code> codes = codes(4);
        for (int i = 0; i < codes.size(); i++) {
            redeem(codes.get(i), i);
        }

        drain();

        assertThat(sql.count("select count(*) from invitations where state = 'FAILED' and end_reason like '%timeout%'")).isEqualTo(4);
        assertThat(sql.count("select sum(used_count) from redeem_codes")).isZero();
        assertThat(sql.count("select sum(seats_reserved) from teams")).isZero();
    }

    @Test
    void underConcurrentRedemptionsAndRandomFaultsTheCountersMatchARecount() throws Exception {
        SimulationSettings faulty = SimulationSettings.defaults()
                .withLatency(Duration.ZERO, Duration.ofMillis(3))
                .withTransientErrorRate(0.3)
                .withRateLimit(0.1, Duration.ofMillis(1))
                .withTimeouts(0.05, Duration.ofMillis(2));
        start(faulty, 4);
        List<Code> codes = codes(40);
        AtomicBoolean redeeming = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(9);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            tasks.add(pool.submit(() -> {
                go.await();
                for (int i = thread; i < codes.size(); i += 8) {
                    redeem(codes.get(i), i);
                }
                return null;
            }));
        }
        Future<?> dispatcher = pool.submit(() -> {
            go.await();
            while (redeeming.get()) {
                hub.dispatcher().dispatchBatch();
                clock.advance(Duration.ofSeconds(1));
            }
            return null;
        });
        go.countDown();
        for (Future<?> task : tasks) {
            task.get(60, TimeUnit.SECONDS);
        }
        redeeming.set(false);
        dispatcher.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        drain();

        assertThat(sql.count("select count(*) from invitations")).isEqualTo(40);
        assertThat(sql.count("select count(*) from invitations where state not in ('INVITED', 'FAILED', 'WAITING')"))
                .as("nothing is left in a transient state").isZero();
        assertThat(sql.count("select count(*) from invitations where state = 'WAITING'")).isEqualTo(20);
        // used_count equals the uses held by invitations that have not given theirs back
        assertThat(sql.count("select count(*) from redeem_codes c where c.used_count <> "
                + "(select count(*) from invitations i where i.code_id = c.id and i.holds_use)")).isZero();
        // seats_reserved equals the live invitations of each team, and no team is over max_seats
        assertThat(sql.count("select count(*) from teams t where t.seats_reserved <> (select count(*) from invitations i "
                + "where i.team_id = t.id and i.state in ('RESERVED','INVITED','JOINED','REMOVING'))")).isZero();
        assertThat(sql.count("select count(*) from teams where seats_reserved + external_seats > max_seats")).isZero();
        assertThat(sql.count("select count(*) from invitations where state = 'FAILED' and holds_use")).isZero();
    }

    private void drain() {
        for (int pass = 0; pass < 50; pass++) {
            hub.dispatcher().dispatchBatch();
            clock.advance(Duration.ofHours(1));
            if (sql.count("select count(*) from invitations where state = 'RESERVED'") == 0) {
                return;
            }
        }
        throw new AssertionError("invitations stayed RESERVED after 50 dispatch passes");
    }

    private RedemptionResult redeem(Code code, int i) {
        return hub.redeem().redeem(new RedeemCommand(code, Email.of("customer" + i + "@example.com"), "10.1.0." + (i % 250)));
    }

    private List<Code> codes(int count) {
        return hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(Optional.empty(), 1, 30, Optional.empty(),
                Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.empty()), count));
    }
}

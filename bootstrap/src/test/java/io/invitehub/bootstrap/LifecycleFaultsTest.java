package io.invitehub.bootstrap;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.provider.simulated.SimulatedTeamProvider;
import io.invitehub.adapter.out.provider.simulated.SimulationSettings;
import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.fakes.MutableClock;
import io.invitehub.application.membership.port.in.RemoveMemberCommand;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated provider with a high error rate and random latency under concurrent redemptions and
 * removals (each twice at once), some codes disabled; then the dispatcher and the lifecycle steps run
 * until quiet. The invariants hold exactly: used_count equals the uses held, seats equal the live
 * invitations and never exceed max_seats, nothing is left RESERVED or REMOVING, and every member of a
 * disabled code has expired or is flagged for staff.
 */
class LifecycleFaultsTest {
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
    private InviteHub hub;
    private Sql sql;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void underFaultsAndConcurrencyEveryCounterMatchesARecountAndNothingStaysTransient() throws Exception {
        SimulationSettings faulty = SimulationSettings.defaults()
                .withLatency(Duration.ZERO, Duration.ofMillis(3))
                .withTransientErrorRate(0.3)
                .withRateLimit(0.05, Duration.ofMillis(1))
                .withAcceptanceDelay(Duration.ZERO);
        // teams are created (their credentials verified) before the faults are switched on
        SimulatedTeamProvider provider = new SimulatedTeamProvider(SimulationSettings.defaults().withLatency(Duration.ZERO, Duration.ZERO),
                clock, new Random(11));
        PersistenceSettings db = TestHubs.freshDatabase();
        sql = new Sql(db);
        hub = InviteHub.builder(TestHubs.settings(Map.of("INVITEHUB_DISPATCH_MAX_ATTEMPTS", "4", "INVITEHUB_REMOVAL_MAX_ATTEMPTS", "4")))
                .persistence(db).teamProvider(provider).clock(clock).http(false).workers(false).start();
        List<TeamId> teams = new ArrayList<>();
        teams.add(hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "A", "acct-a", "t", 12, Optional.empty())).id());
        teams.add(hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "B", "acct-b", "t", 12, Optional.empty())).id());
        provider.setSettings(faulty);
        User distributor = hub.distributors().create(Actor.system(), "faults", "faults@d.com", "long-enough-password".toCharArray());
        List<Code> codes = hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(Optional.of(distributor.id()), 2, 30,
                Optional.empty(), Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.empty()), 30));

        ExecutorService pool = Executors.newFixedThreadPool(9);
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        run(pool, 8, t -> {
            for (int i = t; i < codes.size(); i += 8) {
                redeem(codes.get(i), i, unexpected);
            }
        });
        drain();

        // every third customer is removed by two identical requests at once; five codes are disabled
        List<Integer> removed = new ArrayList<>();
        for (int i = 0; i < codes.size(); i += 3) {
            removed.add(i);
        }
        run(pool, 8, t -> {
            for (int k = t / 2; k < removed.size(); k += 4) {
                int i = removed.get(k);
                for (TeamId team : teams) {
                    try {
                        hub.memberRemoval().remove(new RemoveMemberCommand(distributor.id(), email(i), team, Optional.of("fault test")));
                    } catch (DomainException e) {
                        if (!EnumSet.of(ErrorCode.NOT_FOUND, ErrorCode.REMOVAL_IN_PROGRESS, ErrorCode.PROVIDER_FAILED, ErrorCode.CONFLICT)
                                .contains(e.code())) {
                            unexpected.add(e);
                        }
                    } catch (RuntimeException e) {
                        unexpected.add(e);
                    }
                }
            }
        });
        for (int i = 1; i < 15; i += 3) {
            hub.manageCodes().toggle(distributor.id(), new io.invitehub.domain.code.RedeemCodeId(
                    sql.count("select id from redeem_codes where code = '" + codes.get(i).value() + "'")));
        }
        pool.shutdown();
        assertThat(unexpected).isEmpty();

        // the background: dispatch, resume removals, expire; time passes so every backoff ends
        for (int pass = 0; pass < 60; pass++) {
            hub.dispatcher().dispatchBatch();
            hub.lifecycle().resumeRemovals();
            hub.lifecycle().expireMembers();
            hub.lifecycle().cancelUnaccepted();
            clock.advance(Duration.ofMinutes(30));
        }

        assertThat(sql.count("select count(*) from invitations where state in ('RESERVED', 'REMOVING')"))
                .as("nothing is left in a transient state").isZero();
        assertThat(sql.count("select count(*) from redeem_codes c where c.used_count <> "
                + "(select count(*) from invitations i where i.code_id = c.id and i.holds_use)")).isZero();
        assertThat(sql.count("select count(*) from teams t where t.seats_reserved <> (select count(*) from invitations i "
                + "where i.team_id = t.id and i.state in ('RESERVED','INVITED','JOINED','REMOVING'))")).isZero();
        assertThat(sql.count("select count(*) from teams where seats_reserved + external_seats > max_seats")).isZero();
        assertThat(sql.count("select count(*) from invitations i join redeem_codes c on c.id = i.code_id "
                + "where not c.active and i.state in ('INVITED', 'JOINED') and not i.removal_failed"))
                .as("members of disabled codes expired, or are flagged for staff").isZero();
        assertThat(sql.count("select count(*) from invitations where state = 'REMOVED' and holds_use")).isZero();
        assertThat(sql.count("select count(*) from invitations where state = 'REMOVED'")).isPositive();
        // the expiry step acted on the disabled codes' members: each ended EXPIRED, or (after its attempts ran
        // out under the injected faults: the seeded random can give a streak) is back and flagged for staff
        assertThat(sql.count("select count(*) from invitations i join redeem_codes c on c.id = i.code_id "
                + "where not c.active and (i.state = 'EXPIRED' or i.removal_failed)")).isPositive();
        // a removed member holds no seat at the provider either (unless its removal is flagged)
        for (int i : removed) {
            if (sql.count("select count(*) from invitations where email = '" + email(i).value() + "' and state = 'REMOVED'") > 0) {
                assertThat(provider.members("acct-a")).doesNotContain(email(i));
                assertThat(provider.members("acct-b")).doesNotContain(email(i));
            }
        }
    }

    private interface Task {
        void run(int thread) throws Exception;
    }

    private void run(ExecutorService pool, int threads, Task task) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                go.await();
                task.run(thread);
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
    }

    private void drain() {
        for (int pass = 0; pass < 50 && sql.count("select count(*) from invitations where state = 'RESERVED'") > 0; pass++) {
            hub.dispatcher().dispatchBatch();
            clock.advance(Duration.ofHours(1));
        }
    }

    private void redeem(Code code, int i, ConcurrentLinkedQueue<Throwable> unexpected) {
        try {
            hub.redeem().redeem(new RedeemCommand(code, email(i), "10.2.0." + (i % 250)));
        } catch (RuntimeException e) {
            unexpected.add(e);
        }
    }

    private static Email email(int i) {
        return Email.of("fault" + i + "@example.com");
    }
}

package io.invitehub.bootstrap;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.provider.simulated.SimulatedTeamProvider;
import io.invitehub.adapter.out.provider.simulated.SimulationSettings;
import io.invitehub.application.fakes.MutableClock;
import io.invitehub.application.port.in.CreateTeamCommand;
import io.invitehub.application.port.in.IssueCodesCommand;
import io.invitehub.application.port.in.RedeemCommand;
import io.invitehub.application.port.in.RemoveMemberCommand;
import io.invitehub.application.port.in.UpdateTeamCommand;
import io.invitehub.application.port.out.DistributorSummary;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamGroupId;
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
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole issue-4 lifecycle under faults, on real threads against PostgreSQL: full teams (so most
 * redemptions WAIT, in two queues: ungrouped and one group), members accepting in the simulated provider
 * and the acceptance sync seeing them, unaccepted invites timing out on a test clock, staff growing
 * max_seats while distributors remove members twice at once, and every background job (dispatch,
 * promoter, sync, timeouts, expiry, resumed removals, rebind settlement) racing all of it with provider
 * errors and rate limits. Then every job runs until quiet, and the invariants hold exactly.
 */
class QueueLifecycleFaultsTest {
    private static final List<String> LIVE = List.of("RESERVED", "INVITED", "JOINED", "REMOVING");
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
    void fullTeamsQueuesSyncTimeoutsAndStaffChangesRacingRemovalsEndWithExactCounters() throws Exception {
        SimulationSettings calm = SimulationSettings.defaults().withLatency(Duration.ZERO, Duration.ZERO)
                .withAcceptanceDelay(Duration.ofMinutes(50));
        SimulationSettings faulty = calm.withLatency(Duration.ZERO, Duration.ofMillis(2))
                .withTransientErrorRate(0.2)
                .withRateLimit(0.05, Duration.ofMillis(1));
        SimulatedTeamProvider provider = new SimulatedTeamProvider(calm, clock, new Random(13));
        PersistenceSettings db = TestHubs.freshDatabase();
        sql = new Sql(db);
        hub = InviteHub.builder(TestHubs.settings(Map.of("INVITEHUB_DISPATCH_MAX_ATTEMPTS", "4",
                        "INVITEHUB_REMOVAL_MAX_ATTEMPTS", "4", "INVITEHUB_INVITE_TIMEOUT", "2h", "INVITEHUB_SYNC_INTERVAL", "1m")))
                .persistence(db).teamProvider(provider).clock(clock).http(false).workers(false).start();
        TeamGroupId gold = hub.teams().createGroup(Actor.system(), "gold");
        Team a = hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "A", "acct-a", "t", 4, Optional.empty()));
        Team b = hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "B", "acct-b", "t", 3, Optional.empty()));
        Team g = hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "G", "acct-g", "t", 2, Optional.of(gold)));
        List<TeamId> teams = List.of(a.id(), b.id(), g.id());
        provider.addExternalMember("acct-a", Email.of("owner@example.com"));
        hub.acceptanceSync().syncTeam(a.id()); // the owner takes one of A's seats before anyone redeems
        User distributor = hub.distributors().create(Actor.system(), "queues", "queues@d.com", "long-enough-password".toCharArray());
        List<Code> codes = new ArrayList<>(hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(
                Optional.of(distributor.id()), 2, 30, Optional.empty(), Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT,
                Optional.empty()), 24)));
        codes.addAll(hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(Optional.of(distributor.id()), 1, 30,
                Optional.empty(), Optional.of(gold), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.empty()), 10)));
        provider.setSettings(faulty);

        ExecutorService pool = Executors.newFixedThreadPool(12);
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        AtomicBoolean busy = new AtomicBoolean(true);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 6; t++) { // customers
            int thread = t;
            work.add(pool.submit(() -> {
                go.await();
                for (int i = thread; i < codes.size(); i += 6) {
                    int customer = i;
                    guarded(unexpected, () -> hub.redeem().redeem(new RedeemCommand(codes.get(customer), email(customer),
                            "10.3.0." + customer)));
                }
                return null;
            }));
        }
        for (int t = 0; t < 2; t++) { // the same removals, twice at once, a few rounds while the rest goes on
            work.add(pool.submit(() -> {
                go.await();
                for (int round = 0; round < 4; round++) {
                    for (int i = 0; i < codes.size(); i += 3) {
                        for (TeamId team : teams) {
                            remove(distributor, i, team, unexpected);
                        }
                    }
                    Thread.sleep(20);
                }
                return null;
            }));
        }
        work.add(pool.submit(() -> { // staff grow the teams while members are removed
            go.await();
            for (int step = 1; step <= 3; step++) {
                for (Team team : List.of(a, b, g)) {
                    int seats = team.maxSeats() + step;
                    guarded(unexpected, () -> hub.teams().updateTeam(new UpdateTeamCommand(Actor.system(), team.id(),
                            new TeamChanges(Optional.empty(), Optional.of(seats), Optional.empty(), false, Optional.empty()))));
                }
                Thread.sleep(15);
            }
            return null;
        }));
        List<Future<?>> background = new ArrayList<>();
        background.add(pool.submit(() -> { // the background jobs, on two threads, while time passes
            go.await();
            while (busy.get()) {
                guarded(unexpected, () -> hub.dispatcher().dispatchBatch());
                guarded(unexpected, () -> hub.queuePromoter().promoteWaiting());
                guarded(unexpected, () -> hub.lifecycle().cancelUnaccepted());
                clock.advance(Duration.ofMinutes(10));
            }
            return null;
        }));
        background.add(pool.submit(() -> {
            go.await();
            while (busy.get()) {
                for (TeamId team : teams) {
                    guarded(unexpected, () -> hub.acceptanceSync().syncIfDue(team));
                }
                guarded(unexpected, () -> hub.queuePromoter().promoteWaiting());
                guarded(unexpected, () -> hub.lifecycle().resumeRemovals());
                guarded(unexpected, () -> hub.lifecycle().settleRebinds());
                guarded(unexpected, () -> hub.lifecycle().expireMembers());
            }
            return null;
        }));
        go.countDown();
        for (Future<?> f : work) {
            f.get(120, TimeUnit.SECONDS);
        }
        // from now on invitees never accept: what is INVITED or gets promoted times out, while the jobs still race
        provider.setSettings(faulty.withAcceptanceDelay(Duration.ofDays(365)));
        // When the work above took long in test time (the clock runs with the background loop, not with the
        // work), every invite was accepted and every seat is JOINED: then nothing would be INVITED to time
        // out, and the group's queue would never see a free seat of its team. One member out of each team now
        // (the jobs still racing) gives the queues seats whose invites are never accepted.
        for (TeamId team : teams) {
            freeOneSeat(distributor, team, unexpected);
        }
        Instant until = clock.instant().plus(Duration.ofHours(6));
        while (clock.instant().isBefore(until) && background.stream().noneMatch(Future::isDone)) {
            Thread.sleep(5);
        }
        busy.set(false);
        for (Future<?> f : background) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(unexpected).isEmpty();
        assertThat(sql.count("select max_seats from teams where id = " + a.id().value())).isEqualTo(7);
        assertThat(sql.count("select count(*) from invitations where state = 'REMOVED'")).as("removals raced the rest").isPositive();
        assertThat(sql.count("select count(*) from invitations where state = 'CANCELLED' and end_reason like 'invite not accepted%'"))
                .as("some invites timed out").isPositive();

        // every job, one after the other, until nothing moves (faults still on)
        int passes = 0;
        while (!quiet()) {
            assertThat(passes++).as("quiet within 400 passes").isLessThan(400);
            hub.lifecycle().resumeRemovals();
            hub.lifecycle().cancelUnaccepted();
            hub.lifecycle().expireMembers();
            hub.lifecycle().settleRebinds();
            for (TeamId team : teams) {
                hub.acceptanceSync().syncIfDue(team);
            }
            hub.queuePromoter().promoteWaiting();
            hub.dispatcher().dispatchBatch();
            clock.advance(Duration.ofMinutes(15));
        }

        // uses: used_count = uses held by invitations that did not give theirs back
        assertThat(sql.count("select count(*) from redeem_codes c where c.used_count <> "
                + "(select count(*) from invitations i where i.code_id = c.id and i.holds_use)")).isZero();
        assertThat(sql.count("select count(*) from invitations where holds_use and state in ('REMOVED', 'CANCELLED', 'FAILED')"))
                .isZero();
        // seats: each team's counter = its seat-holding invitations, never above max_seats
        assertThat(sql.count("select count(*) from teams t where t.seats_reserved <> (select count(*) from invitations i "
                + "where i.team_id = t.id and i.state in ('" + String.join("','", LIVE) + "'))")).isZero();
        assertThat(sql.count("select count(*) from teams where seats_reserved + external_seats > max_seats")).isZero();
        assertThat(sql.count("select external_seats from teams where id = " + a.id().value())).isEqualTo(1);
        // nothing transient, nobody waiting beside a free seat of their queue
        assertThat(sql.count("select count(*) from invitations where state in ('RESERVED', 'REMOVING')")).isZero();
        assertThat(waitingBesideAFreeSeat()).isZero();
        // queue positions are 1..n in each queue, in queue order
        Map<Long, List<Long>> positions = new TreeMap<>();
        for (String row : sql.texts("select coalesce(queue_group_id, 0) || ' ' || public_id from invitations where state = 'WAITING'"
                + " order by queue_group_id nulls first, queue_seq")) {
            String[] parts = row.split(" ");
            positions.computeIfAbsent(Long.parseLong(parts[0]), q -> new ArrayList<>())
                    .add(hub.queries().invitation(UUID.fromString(parts[1])).queuePosition().orElseThrow());
        }
        positions.values().forEach(p -> assertThat(p).isEqualTo(java.util.stream.LongStream.rangeClosed(1, p.size()).boxed().toList()));
        // statistics: the rollups equal a recount of the base tables (docs/statistics.md)
        DistributorSummary s = hub.distributorQueries().summary(distributor.id(), distributor.id());
        String own = " from invitations where distributor_id = " + distributor.id().value() + " and not is_rebind";
        assertThat(List.of(s.totalCodes(), s.redeemAttempts(), s.invitesSentSuccess(), s.invitesAccepted(), s.membersActive(),
                s.membersRemoved())).isEqualTo(List.of(
                sql.count("select count(*) from redeem_codes where owner_id = " + distributor.id().value()),
                sql.count("select coalesce(sum(used_count), 0) from redeem_codes where owner_id = " + distributor.id().value()),
                sql.count("select count(invited_at)" + own),
                sql.count("select count(accepted_at)" + own),
                sql.count("select count(*)" + own + " and state = 'JOINED'"),
                sql.count("select count(*)" + own + " and state = 'REMOVED'")));
        assertThat(s.invitesAccepted()).as("members accepted and were synced").isPositive();
        assertThat(sql.count("select count(*) from invitations where queue_seq is not null and state <> 'WAITING'"))
                .as("waiting invitations were promoted").isPositive();
        assertThat(sql.count("select count(*) from invitations where queue_group_id = " + gold.value() + " and state <> 'WAITING'"))
                .as("the group's queue moved too").isPositive();
    }

    /** No transient state, no waiter beside a free seat, no removal or invite still due. */
    private boolean quiet() {
        return sql.count("select count(*) from invitations where state in ('RESERVED', 'REMOVING')") == 0
                && waitingBesideAFreeSeat() == 0;
    }

    private long waitingBesideAFreeSeat() {
        return sql.count("select count(*) from invitations w where w.state = 'WAITING' and exists (select 1 from teams t"
                + " where t.status = 'ACTIVE' and (w.queue_group_id is null or t.group_id = w.queue_group_id)"
                + " and t.seats_reserved + t.external_seats < t.max_seats)");
    }

    private void remove(User distributor, int i, TeamId team, ConcurrentLinkedQueue<Throwable> unexpected) {
        try {
            hub.memberRemoval().remove(new RemoveMemberCommand(distributor.id(), email(i), team, Optional.of("queue faults")));
        } catch (DomainException e) {
            if (!EnumSet.of(ErrorCode.NOT_FOUND, ErrorCode.REMOVAL_IN_PROGRESS, ErrorCode.PROVIDER_FAILED, ErrorCode.CONFLICT)
                    .contains(e.code())) {
                unexpected.add(e);
            }
        } catch (RuntimeException e) {
            unexpected.add(e);
        }
    }

    /** Removes one JOINED member of {@code team} (provider faults are retried), when it has one. */
    private void freeOneSeat(User distributor, TeamId team, ConcurrentLinkedQueue<Throwable> unexpected) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            List<String> joined = sql.texts("select id || ' ' || email from invitations where state = 'JOINED' and team_id = "
                    + team.value() + " order by id limit 1");
            if (joined.isEmpty()) {
                return;
            }
            String[] member = joined.get(0).split(" ");
            remove(distributor, Integer.parseInt(member[1].replaceAll("[^0-9]", "")), team, unexpected);
            if (sql.count("select count(*) from invitations where state = 'REMOVED' and id = " + member[0]) > 0) {
                return;
            }
            Thread.sleep(5);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Business refusals are expected in a race (a code used up, a team full); anything else is recorded. */
    private static void guarded(ConcurrentLinkedQueue<Throwable> unexpected, Step step) {
        try {
            step.run();
        } catch (DomainException e) {
            if (e.code() != ErrorCode.CONFLICT && e.code() != ErrorCode.RATE_LIMITED) {
                unexpected.add(e);
            }
        } catch (Exception e) {
            unexpected.add(e);
        }
    }

    private static Email email(int i) {
        return Email.of("queue" + i + "@example.com");
    }
}

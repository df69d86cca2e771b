package io.invitehub.bootstrap;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.provider.simulated.SimulatedTeamProvider;
import io.invitehub.adapter.out.provider.simulated.SimulationSettings;
import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.fakes.MutableClock;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.Actor;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Pending outbox work survives a restart: a new process picks up what the old one left RESERVED. */
class RestartTest {

    @Test
    void reservedInvitationsLeftByAStoppedNodeAreInvitedByTheNextOne() throws Exception {
        PersistenceSettings db = TestHubs.freshDatabase();
        Sql sql = new Sql(db);
        SimulatedTeamProvider provider = new SimulatedTeamProvider(SimulationSettings.defaults(), Clock.systemUTC());

        try (InviteHub first = InviteHub.builder(TestHubs.settings(Map.of())).persistence(db).teamProvider(provider)
                .http(false).workers(false).start()) {
            first.teams().createTeam(new CreateTeamCommand(Actor.system(), "A", "acct-restart", "token", 10, Optional.empty()));
            List<Code> codes = first.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(Optional.empty(), 1, 30,
                    Optional.empty(), Optional.empty(), 1, Optional.empty()), 5));
            for (int i = 0; i < codes.size(); i++) {
                first.redeem().redeem(new RedeemCommand(codes.get(i), Email.of("r" + i + "@example.com"), "10.2.0.1"));
            }
        }
        assertThat(sql.count("select count(*) from invitations where state = 'RESERVED'")).isEqualTo(5);
        assertThat(provider.inviteCalls()).isZero();

        try (InviteHub second = InviteHub.builder(TestHubs.settings(Map.of())).persistence(db).teamProvider(provider)
                .http(false).workers(true).start()) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (sql.count("select count(*) from invitations where state = 'INVITED'") < 5 && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
        }
        assertThat(sql.count("select count(*) from invitations where state = 'INVITED'")).isEqualTo(5);
        assertThat(provider.pendingInvites("acct-restart")).hasSize(5);
    }

    @Test
    void aClaimAbandonedByACrashedWorkerIsDueAgainAfterItsLease() {
        PersistenceSettings db = TestHubs.freshDatabase();
        Sql sql = new Sql(db);
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        SimulatedTeamProvider provider = new SimulatedTeamProvider(SimulationSettings.defaults(), clock);
        try (InviteHub hub = InviteHub.builder(TestHubs.settings(Map.of())).persistence(db).teamProvider(provider)
                .clock(clock).http(false).workers(false).start()) {
            hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "A", "acct-lease", "token", 10, Optional.empty()));
            Code code = hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(Optional.empty(), 1, 30,
                    Optional.empty(), Optional.empty(), 1, Optional.empty()), 1)).get(0);
            hub.redeem().redeem(new RedeemCommand(code, Email.of("lease@example.com"), "10.2.0.2"));
            // a worker claimed the row and died before calling the provider: simulate by claiming directly
            sql.execute("update invitations set next_attempt_at = next_attempt_at + interval '2 minutes' where state = 'RESERVED'");

            clock.advance(Duration.ofSeconds(30));
            assertThat(hub.dispatcher().dispatchBatch()).as("still leased").isZero();

            clock.advance(Duration.ofMinutes(3));
            assertThat(hub.dispatcher().dispatchBatch()).isEqualTo(1);
        }
        assertThat(sql.count("select count(*) from invitations where state = 'INVITED'")).isEqualTo(1);
    }
}

package io.invitehub.bootstrap;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.provider.simulated.SimulatedTeamProvider;
import io.invitehub.adapter.out.provider.simulated.SimulationSettings;
import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.fakes.MutableClock;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.application.sync.port.in.SyncOutcome;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.application.teams.port.in.UpdateTeamCommand;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamStatus;
import io.invitehub.domain.user.Actor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The member lifecycle end to end on PostgreSQL with the simulated provider, driven by hand on a test
 * clock: redeem → dispatch → the invitee accepts → acceptance sync (JOINED, activation, the owner as
 * an external seat) → a bigger team lets the queue in → a ban stops allocation.
 */
class MemberSyncAndQueueTest {
    private static final Email OWNER = Email.of("owner@example.com");
    private final MutableClock clock = new MutableClock(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    private InviteHub hub;
    private Sql sql;
    private SimulatedTeamProvider provider;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private Team start(int maxSeats) {
        provider = new SimulatedTeamProvider(SimulationSettings.defaults().withLatency(Duration.ZERO, Duration.ZERO)
                .withAcceptanceDelay(Duration.ofMinutes(1)).withDefaultSeats(100), clock, new Random(3));
        PersistenceSettings db = TestHubs.freshDatabase();
        sql = new Sql(db);
        hub = InviteHub.builder(TestHubs.settings(Map.of())).persistence(db).teamProvider(provider).clock(clock)
                .http(false).workers(false).start();
        Team team = hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "A", "acct-a", "token", maxSeats, Optional.empty()));
        provider.registerWorkspace("acct-a", 100);
        provider.addExternalMember("acct-a", OWNER);
        return team;
    }

    private RedemptionResult redeem(Code code, int i) {
        return hub.redeem().redeem(new RedeemCommand(code, Email.of("member" + i + "@example.com"), "10.2.0." + i));
    }

    private long count(String where) {
        return sql.count("select count(*) from invitations where " + where);
    }

    @Test
    void invitedMembersJoinTheOwnerIsExternalAndMoreSeatsLetTheQueueIn() {
        Team team = start(3);
        List<Code> codes = hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(Optional.empty(), 1, 30,
                Optional.empty(), Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.empty()), 5));
        for (int i = 0; i < 5; i++) {
            assertThat(redeem(codes.get(i), i).invitation().state()).isEqualTo(i < 3 ? InvitationState.RESERVED : InvitationState.WAITING);
        }
        assertThat(hub.dispatcher().dispatchBatch()).isEqualTo(3);
        assertThat(count("state = 'INVITED'")).isEqualTo(3);

        // nobody accepted yet: the owner is the one external member
        SyncOutcome first = hub.acceptanceSync().syncTeam(team.id());
        assertThat(first.result()).isEqualTo(SyncOutcome.Result.SYNCED);
        assertThat(first.joined()).isZero();
        assertThat(first.externalSeats()).isEqualTo(1);
        assertThat(sql.count("select seats_reserved + external_seats from teams")).isEqualTo(4); // over max: the provider's reality

        clock.advance(Duration.ofMinutes(2)); // the invitees accept
        SyncOutcome second = hub.acceptanceSync().syncTeam(team.id());
        assertThat(second.joined()).isEqualTo(3);
        assertThat(second.activated()).isEqualTo(3);
        assertThat(count("state = 'JOINED' and accepted_at is not null")).isEqualTo(3);
        assertThat(sql.count("select count(*) from redeem_codes where activated_at is not null"
                + " and member_expires_at = activated_at + interval '30 days'")).isEqualTo(3);
        assertThat(hub.acceptanceSync().syncTeam(team.id()).joined()).isZero(); // idempotent
        assertThat(count("state = 'JOINED'")).isEqualTo(3);

        // max_seats below the 4 seats in use is refused; 5 seats let the oldest waiting invitation in
        assertThatThrownBy(() -> hub.teams().updateTeam(new UpdateTeamCommand(Actor.system(), team.id(),
                new TeamChanges(Optional.empty(), Optional.of(3), Optional.empty(), false, Optional.empty()))))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        hub.teams().updateTeam(new UpdateTeamCommand(Actor.system(), team.id(),
                new TeamChanges(Optional.empty(), Optional.of(5), Optional.empty(), false, Optional.empty())));
        assertThat(hub.queuePromoter().promoteWaiting()).isEqualTo(1);
        assertThat(sql.count("select count(*) from invitations i join redeem_codes c on c.id = i.code_id"
                + " where i.state = 'RESERVED' and c.code = '" + codes.get(3).value() + "'")).isEqualTo(1);
        assertThat(count("state = 'WAITING'")).isEqualTo(1);
        assertThat(sql.count("select count(*) from teams where seats_reserved + external_seats > max_seats")).isZero();

        // the provider bans the workspace: the team stops taking members, the error is visible
        provider.ban("acct-a");
        clock.advance(Duration.ofMinutes(5));
        assertThat(hub.acceptanceSync().syncIfDue(team.id()).result()).isEqualTo(SyncOutcome.Result.FAILED);
        Team banned = hub.teams().listTeams().get(0);
        assertThat(banned.status()).isEqualTo(TeamStatus.BANNED);
        assertThat(banned.sync().error()).hasValueSatisfying(e -> assertThat(e).startsWith("BANNED"));
        hub.teams().updateTeam(new UpdateTeamCommand(Actor.system(), team.id(),
                new TeamChanges(Optional.empty(), Optional.of(6), Optional.empty(), false, Optional.empty())));
        assertThat(hub.queuePromoter().promoteWaiting()).isZero();
        assertThat(count("state = 'WAITING'")).isEqualTo(1);
    }
}

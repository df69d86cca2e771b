package io.invitehub.application.queue.service;

import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.fakes.InMemoryRateLimiter;
import io.invitehub.application.recipients.service.RecipientPolicy;
import io.invitehub.application.recipients.service.RecipientSettings;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.application.redemption.service.RedeemService;
import io.invitehub.application.shared.port.out.RateLimiter.Limit;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.application.teams.port.in.UpdateTeamCommand;
import io.invitehub.application.teams.service.TeamAdminService;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SeatQueueServiceTest {
    private static final RedemptionSettings GENEROUS = new RedemptionSettings(AllocationPolicy.FILL_FIRST,
            new Limit("redeem-address", 1000, Duration.ofMinutes(1)),
            new Limit("redeem-email", 1000, Duration.ofMinutes(1)),
            RedemptionSettings.codeLockout(10, Duration.ofMinutes(15)));

    private final Fixture f = new Fixture();
    private final io.invitehub.application.fakes.ScriptedTeamProvider provider = new io.invitehub.application.fakes.ScriptedTeamProvider();
    private final RedeemService redeem = new RedeemService(f.storage.transactions(), f.storage.codes(), f.storage.invitations(),
            f.storage.teams(), InMemoryRateLimiter.unlimited(), f.wakeUps, f.clock, GENEROUS,
            new RecipientPolicy(f.storage.recipients(), new RecipientSettings(1_000, Duration.ZERO)));
    /** Batches of 2, so several batches and their ends are exercised. */
    private final SeatQueueService promoter = new SeatQueueService(f.storage.transactions(), f.storage.invitations(),
            f.storage.teams(), f.wakeUps, f.clock, AllocationPolicy.FILL_FIRST, 2);
    private final TeamAdminService admin = new TeamAdminService(f.storage.transactions(), f.storage.teams(), provider,
            f.storage.auditLog(), f.wakeUps, f.clock);
    private int emails;

    private RedemptionResult redeem(RedeemCode code) {
        return redeem.redeem(new RedeemCommand(code.code(), Email.of("user" + (++emails) + "@host.com"), "10.0.0.1"));
    }

    private List<Invitation> waitingFor(RedeemCode... codes) {
        List<Invitation> queued = new ArrayList<>();
        for (RedeemCode code : codes) {
            RedemptionResult r = redeem(code);
            assertThat(r.invitation().state()).isEqualTo(InvitationState.WAITING);
            queued.add(r.invitation());
        }
        return queued;
    }

    /** A one-use code restricted to {@code group} (a code serves one e-mail for life). */
    private RedeemCode code(TeamGroupId group) {
        return f.code(new CodeTerms(Optional.empty(), 1, 30, Optional.empty(), Optional.of(group), 1, Optional.empty()));
    }

    private InvitationState state(Invitation inv) {
        return f.storage.invitations().findById(inv.id()).orElseThrow().state();
    }

    private void grow(Team team, int maxSeats) {
        admin.updateTeam(new UpdateTeamCommand(Fixture.STAFF, team.id(),
                new TeamChanges(Optional.empty(), Optional.of(maxSeats), Optional.empty(), false, Optional.empty())));
    }

    @Test
    void waitingInvitationsGetFreedSeatsFirstInFirstOut() {
        Team team = f.team("Blue", 1);
        redeem(f.code(1));
        List<Invitation> queue = waitingFor(f.code(1), f.code(1), f.code(1), f.code(1), f.code(1));
        f.wakeUps.signals();

        grow(team, 4); // three more seats

        assertThat(f.wakeUps.count(WakeUps.Work.SEAT_PROMOTION)).isEqualTo(1);
        assertThat(promoter.promoteWaiting()).isEqualTo(3);
        assertThat(queue).extracting(this::state).containsExactly(InvitationState.RESERVED, InvitationState.RESERVED,
                InvitationState.RESERVED, InvitationState.WAITING, InvitationState.WAITING);
        assertThat(f.storage.invitations().findById(queue.get(0).id()).orElseThrow().teamId()).contains(team.id());
        assertThat(f.reload(team).seatsReserved()).isEqualTo(4);
        assertThat(f.storage.invitations().queuePosition(queue.get(3).id())).contains(1L);
        assertThat(f.storage.invitations().queuePosition(queue.get(4).id())).contains(2L);
        assertThat(f.wakeUps.count(WakeUps.Work.INVITE_DISPATCH)).isGreaterThanOrEqualTo(2);

        // nothing free: a pass promotes nothing and changes nothing
        assertThat(promoter.promoteWaiting()).isZero();
        assertThat(state(queue.get(3))).isEqualTo(InvitationState.WAITING);
    }

    @Test
    void aGroupWithoutRoomDoesNotBlockAnotherGroup() {
        TeamGroupId gold = f.group("gold");
        TeamGroupId silver = f.group("silver");
        Team goldTeam = f.team("Gold", 1, Optional.of(gold));
        Team silverTeam = f.team("Silver", 1, Optional.of(silver));
        redeem(code(gold));
        redeem(code(silver));
        List<Invitation> goldQueue = waitingFor(code(gold), code(gold), code(gold));   // older
        List<Invitation> silverQueue = waitingFor(code(silver), code(silver));        // younger

        grow(silverTeam, 3);
        assertThat(promoter.promoteWaiting()).isEqualTo(2);

        assertThat(silverQueue).extracting(this::state).containsOnly(InvitationState.RESERVED);
        assertThat(goldQueue).extracting(this::state).containsOnly(InvitationState.WAITING);
        assertThat(f.reload(goldTeam).seatsReserved()).isEqualTo(1);
        assertThat(f.storage.invitations().queuePosition(goldQueue.get(0).id())).contains(1L);
    }

    @Test
    void aNewRedemptionQueuesBehindOlderWaitingInvitationsOfItsQueue() {
        Team team = f.team("Blue", 1);
        redeem(f.code(1));
        List<Invitation> queue = waitingFor(f.code(1), f.code(1));
        // a seat frees up (more seats) but the promoter has not run yet
        grow(team, 2);

        RedemptionResult late = redeem(f.code(1));

        assertThat(late.invitation().state()).isEqualTo(InvitationState.WAITING);
        assertThat(late.queuePosition()).contains(3L);
        assertThat(f.reload(team).seatsReserved()).isEqualTo(1);

        assertThat(promoter.promoteWaiting()).isEqualTo(1);
        assertThat(state(queue.get(0))).isEqualTo(InvitationState.RESERVED);
        assertThat(state(queue.get(1))).isEqualTo(InvitationState.WAITING);
        assertThat(state(late.invitation())).isEqualTo(InvitationState.WAITING);
        assertThat(f.storage.invitations().queuePosition(late.invitation().id())).contains(2L);
    }

    @Test
    void aRedemptionInAnotherQueueIsNotHeldBack() {
        TeamGroupId gold = f.group("gold");
        f.team("Gold", 1, Optional.of(gold));
        Team plain = f.team("Plain", 5);
        redeem(code(gold));
        waitingFor(code(gold));

        RedemptionResult ungrouped = redeem(f.code(1));

        assertThat(ungrouped.invitation().state()).isEqualTo(InvitationState.RESERVED);
        assertThat(ungrouped.invitation().teamId()).contains(plain.id());
    }

    @Test
    void aTeamBackToActiveAndANewTeamLetTheQueueIn() {
        Team team = f.team("Blue", 1);
        redeem(f.code(1));
        List<Invitation> queue = waitingFor(f.code(1), f.code(1), f.code(1));
        Team paused = f.team("Paused", 1);
        admin.updateTeam(new UpdateTeamCommand(Fixture.STAFF, paused.id(),
                new TeamChanges(Optional.empty(), Optional.empty(), Optional.of(TeamStatus.PAUSED), false, Optional.empty())));
        assertThat(promoter.promoteWaiting()).isZero(); // paused: no seat for anyone
        assertThat(queue).extracting(this::state).containsOnly(InvitationState.WAITING);
        long signals = f.wakeUps.count(WakeUps.Work.SEAT_PROMOTION);

        admin.updateTeam(new UpdateTeamCommand(Fixture.STAFF, paused.id(),
                new TeamChanges(Optional.empty(), Optional.empty(), Optional.of(TeamStatus.ACTIVE), false, Optional.empty())));
        assertThat(f.wakeUps.count(WakeUps.Work.SEAT_PROMOTION)).isEqualTo(signals + 1);
        admin.createTeam(new io.invitehub.application.teams.port.in.CreateTeamCommand(Fixture.STAFF, "New", "acc-new", "t", 1, Optional.empty()));
        assertThat(f.wakeUps.count(WakeUps.Work.SEAT_PROMOTION)).isEqualTo(signals + 2);

        assertThat(promoter.promoteWaiting()).isEqualTo(2);
        assertThat(queue).extracting(this::state).containsExactly(InvitationState.RESERVED, InvitationState.RESERVED,
                InvitationState.WAITING);
        assertThat(f.reload(paused).seatsReserved()).isEqualTo(1);
        assertThat(f.reload(team).seatsReserved()).isEqualTo(1);
    }

    @Test
    void aCancelledWaitingInvitationIsSkipped() {
        f.team("Blue", 1);
        redeem(f.code(1));
        List<Invitation> queue = waitingFor(f.code(1), f.code(1));
        f.storage.transactions().inTransaction(() -> f.storage.invitations()
                .transition(queue.get(0).id(), InvitationState.WAITING, InvitationState.CANCELLED, f.clock.instant(), "admin"));
        f.team("More", 1);

        assertThat(promoter.promoteWaiting()).isEqualTo(1);
        assertThat(state(queue.get(0))).isEqualTo(InvitationState.CANCELLED);
        assertThat(state(queue.get(1))).isEqualTo(InvitationState.RESERVED);
    }
}

package io.invitehub.application.membership.service;

import io.invitehub.application.fakes.ScriptedTeamProvider;
import io.invitehub.application.membership.port.in.RebindCommand;
import io.invitehub.application.membership.port.in.RebindResult;
import io.invitehub.application.membership.port.in.RemovalResult;
import io.invitehub.application.membership.port.in.RemoveMemberCommand;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static io.invitehub.domain.invitation.InvitationState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RebindServiceTest {
    private static final Email ALICE = Email.of("alice@host.com");
    private final LifecycleWorld w = new LifecycleWorld();
    private final TeamGroupId group = w.f.group("g");
    private final Team first = w.f.team("First", 5, Optional.of(group));
    private final Team second = w.f.team("Second", 5, Optional.of(group));
    private final Team outside = w.f.team("Outside", 5);

    private RebindResult rebind(RedeemCode code, Email email) {
        return w.rebind.rebind(new RebindCommand(code.code(), email, "10.0.0.9"));
    }

    private void refused(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void aJoinedMemberMovesToAnotherTeamOfTheGroupAfterTheNewInviteIsSentAndTheUseMovesWithThem() {
        RedeemCode code = w.code(w.distributor, 1, Optional.of(group));
        Invitation member = w.joined(code, ALICE);
        assertThat(member.teamId()).contains(first.id());

        RebindResult result = rebind(code, ALICE);

        Invitation moving = result.invitation();
        assertThat(moving.isRebind()).isTrue();
        assertThat(moving.state()).isEqualTo(RESERVED);
        assertThat(moving.teamId()).contains(second.id());
        assertThat(result.toTeam()).isEqualTo("Second");
        assertThat(result.fromTeam()).isEqualTo("First");
        assertThat(result.rebindsLeft()).isZero();
        assertThat(w.f.reload(code).usedCount()).as("a rebind takes no use").isEqualTo(1);
        assertThat(w.f.reload(code).rebindCount()).isEqualTo(1);
        assertThat(w.reload(member).state()).as("the old membership stays until the new invite is sent").isEqualTo(JOINED);
        assertThat(w.jobs.settleRebinds()).as("nothing to settle before the invite is sent").isZero();

        w.dispatcher.dispatchBatch();
        assertThat(w.reload(moving).state()).isEqualTo(INVITED);
        assertThat(w.jobs.settleRebinds()).isEqualTo(1);

        Invitation old = w.reload(member);
        assertThat(old.state()).isEqualTo(REBOUND);
        assertThat(old.endReason()).contains("moved to another team (rebind)");
        assertThat(w.provider.memberEmails(first.providerAccountId())).isEmpty();
        assertThat(w.f.reload(first).seatsReserved()).isZero();
        assertThat(w.f.reload(second).seatsReserved()).isEqualTo(1);
        assertThat(w.f.reload(code).usedCount()).isEqualTo(1);
        // the use now sits with the new invitation: a later removal gives it back
        assertThat(w.f.storage.transactions().inTransaction(() -> w.f.storage.codes().giveUseBack(moving.id()))).isTrue();
        assertThat(w.f.reload(code).usedCount()).isZero();
    }

    @Test
    void whenTheNewInviteFailsTheOldMembershipStaysAndTheRebindIsGivenBack() {
        RedeemCode code = w.code(w.distributor, 1, Optional.of(group));
        Invitation member = w.joined(code, ALICE);
        Invitation moving = rebind(code, ALICE).invitation();
        w.provider.then(ScriptedTeamProvider.allFailing(ProviderError.REJECTED));
        w.dispatcher.dispatchBatch();
        assertThat(w.reload(moving).state()).isEqualTo(FAILED);

        assertThat(w.jobs.settleRebinds()).isEqualTo(1);

        assertThat(w.reload(member).state()).isEqualTo(JOINED);
        assertThat(w.f.reload(code).rebindCount()).isZero();
        assertThat(w.f.reload(code).usedCount()).isEqualTo(1);
        assertThat(w.f.reload(first).seatsReserved()).isEqualTo(1);
        assertThat(w.f.reload(second).seatsReserved()).isZero();
        assertThat(w.provider.removals()).isEmpty();
        assertThat(rebind(code, ALICE).invitation().teamId()).as("may try again").contains(second.id());
    }

    @Test
    void refusals() {
        RedeemCode code = w.code(w.distributor, 1, Optional.of(group));
        refused(() -> rebind(code, ALICE), ErrorCode.REBIND_NOT_ALLOWED);
        w.invited(code, ALICE);
        refused(() -> rebind(code, ALICE), ErrorCode.REBIND_NOT_ALLOWED);
        refused(() -> rebind(code, Email.of("mallory@host.com")), ErrorCode.REBIND_NOT_ALLOWED);
        refused(() -> w.rebind.rebind(new RebindCommand(w.f.nextCode(), ALICE, "10.0.0.9")), ErrorCode.INVALID_CODE);
    }

    @Test
    void theWindowTheLimitAndASecondMoveUnderWay() {
        RedeemCode late = w.code(w.distributor, 1, Optional.of(group));
        w.joined(late, ALICE);
        w.f.clock.advance(Duration.ofDays(15));
        refused(() -> rebind(late, ALICE), ErrorCode.REBIND_WINDOW_OVER);

        RedeemCode code = w.code(w.distributor, 1, Optional.of(group));
        Email bob = Email.of("bob@host.com");
        w.joined(code, bob);
        rebind(code, bob);
        refused(() -> rebind(code, bob), ErrorCode.REBIND_NOT_ALLOWED);
        w.dispatcher.dispatchBatch();
        w.jobs.settleRebinds();
        refused(() -> rebind(code, bob), ErrorCode.REBIND_NOT_ALLOWED); // the new invitation is INVITED, not JOINED yet
        assertThat(w.f.reload(code).rebindCount()).isEqualTo(1);
    }

    @Test
    void noOtherTeamWithRoomIsNoFreeSeatAndNothingIsCounted() {
        RedeemCode code = w.code(w.distributor, 1, Optional.of(group));
        w.joined(code, ALICE);
        w.f.storage.transactions().inTransaction(() -> w.f.storage.teams().setStatus(second.id(), io.invitehub.domain.team.TeamStatus.PAUSED));

        refused(() -> rebind(code, ALICE), ErrorCode.NO_FREE_SEAT);

        assertThat(w.f.reload(code).rebindCount()).isZero();
        assertThat(w.f.reload(outside).seatsReserved()).as("never outside the code's group").isZero();
    }

    @Test
    void aMovedMemberIsStillAlreadyAMemberForAnotherCodeAndARepeatOfTheSameCodeTakesNoUse() {
        RedeemCode code = w.code(w.distributor, 1, Optional.of(group));
        w.joined(code, ALICE);
        Invitation moving = rebind(code, ALICE).invitation();
        w.dispatcher.dispatchBatch();
        w.jobs.settleRebinds();
        RedeemCode another = w.code(w.distributor, 1);

        refused(() -> w.redeem.redeem(new RedeemCommand(another.code(), ALICE, "10.0.0.1")), ErrorCode.ALREADY_MEMBER);
        var repeat = w.redeem.redeem(new RedeemCommand(code.code(), ALICE, "10.0.0.1"));
        assertThat(repeat.repeated()).isTrue();
        assertThat(repeat.invitation().id()).isEqualTo(moving.id());
        assertThat(w.f.reload(code).usedCount()).isEqualTo(1);
        assertThat(w.f.reload(another).usedCount()).isZero();
    }

    @Test
    void aMovedMemberIsRemovedInTheNewTeamWithTheUseGivenBackOnceAndNotWhileMoving() {
        RedeemCode code = w.code(w.distributor, 1, Optional.of(group));
        Invitation member = w.joined(code, ALICE);
        Invitation moving = rebind(code, ALICE).invitation();
        w.dispatcher.dispatchBatch();
        assertThat(w.reload(moving).state()).isEqualTo(INVITED);

        // not settled yet: the use still sits with the old membership, so neither may be removed now
        refused(() -> w.removal.remove(new RemoveMemberCommand(w.distributor.id(), ALICE, second.id(), Optional.empty())),
                ErrorCode.CONFLICT);
        refused(() -> w.removal.remove(new RemoveMemberCommand(w.distributor.id(), ALICE, first.id(), Optional.empty())),
                ErrorCode.CONFLICT);
        assertThat(w.provider.removals()).isEmpty();

        assertThat(w.jobs.settleRebinds()).isEqualTo(1);
        // another distributor cannot remove the moved member either
        refused(() -> w.removal.remove(new RemoveMemberCommand(w.other.id(), ALICE, second.id(), Optional.empty())),
                ErrorCode.NOT_FOUND);

        RemovalResult removed = w.removal.remove(new RemoveMemberCommand(w.distributor.id(), ALICE, second.id(), Optional.empty()));

        assertThat(removed.outcome()).isEqualTo(RemovalResult.Outcome.REMOVED);
        assertThat(removed.teamName()).contains("Second");
        assertThat(removed.codeUsageRestored()).isTrue();
        assertThat(w.reload(moving).state()).isEqualTo(REMOVED);
        assertThat(w.reload(member).state()).isEqualTo(REBOUND);
        assertThat(w.f.reload(code).usedCount()).isZero();
        assertThat(w.f.reload(first).seatsReserved()).isZero();
        assertThat(w.f.reload(second).seatsReserved()).isZero();
        // again, and through the old team: nothing more is given back
        RemovalResult again = w.removal.remove(new RemoveMemberCommand(w.distributor.id(), ALICE, second.id(), Optional.empty()));
        assertThat(again.outcome()).isEqualTo(RemovalResult.Outcome.ALREADY_REMOVED);
        assertThat(again.codeUsageRestored()).isFalse();
        refused(() -> w.removal.remove(new RemoveMemberCommand(w.distributor.id(), ALICE, first.id(), Optional.empty())),
                ErrorCode.NOT_FOUND);
        assertThat(w.f.reload(code).usedCount()).isZero();
    }
}

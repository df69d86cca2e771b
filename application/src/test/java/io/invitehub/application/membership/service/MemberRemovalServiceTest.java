package io.invitehub.application.membership.service;

import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.membership.port.in.RemovalResult;
import io.invitehub.application.membership.port.in.RemoveMemberCommand;
import io.invitehub.application.membership.port.out.RemovalClaim;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.RemovalKind;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static io.invitehub.domain.invitation.InvitationState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemberRemovalServiceTest {
    private static final Email ALICE = Email.of("alice@host.com");
    private final LifecycleWorld w = new LifecycleWorld();
    private final Team team = w.f.team("Alpha", 5);

    private RemovalResult remove(Email email) {
        return w.removal.remove(new RemoveMemberCommand(w.distributor.id(), email, team.id(), Optional.of("left the company")));
    }

    private static void refused(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void removingAJoinedMemberRemovesAtTheProviderThenReleasesTheSeatAndGivesTheUseBackInOneGo() {
        RedeemCode code = w.code(w.distributor, 1);
        Invitation member = w.joined(code, ALICE);
        int committedBefore = w.f.storage.committedTransactions();

        RemovalResult result = remove(ALICE);

        assertThat(result.outcome()).isEqualTo(RemovalResult.Outcome.REMOVED);
        assertThat(result.codeUsageRestored()).isTrue();
        assertThat(result.teamName()).contains("Alpha");
        assertThat(result.email()).isEqualTo(ALICE);
        assertThat(w.provider.removals()).extracting(r -> r.kind() + " " + r.what()).containsExactly("remove user-alice@host.com");
        assertThat(w.provider.memberEmails(team.providerAccountId())).isEmpty();
        Invitation removed = w.reload(member);
        assertThat(removed.state()).isEqualTo(REMOVED);
        assertThat(removed.endReason()).contains("removed by distributor: left the company");
        assertThat(w.f.reload(code).usedCount()).isZero();
        assertThat(w.f.reload(team).seatsReserved()).isZero();
        // claim, then one transaction for the end (seat, use, audit): nothing in between
        assertThat(w.f.storage.committedTransactions() - committedBefore).isEqualTo(2);
        assertThat(w.f.storage.auditLog().latest(1).get(0).action()).isEqualTo("MEMBER_REMOVE");
    }

    @Test
    void removingAnInvitedMemberCancelsTheInvite() {
        RedeemCode code = w.code(w.distributor, 1);
        Invitation invited = w.invited(code, ALICE);

        assertThat(remove(ALICE).codeUsageRestored()).isTrue();

        assertThat(w.provider.removals()).extracting(r -> r.kind()).containsExactly("cancel");
        assertThat(w.provider.pendingInvites(team.providerAccountId())).isEmpty();
        assertThat(w.reload(invited).state()).isEqualTo(REMOVED);
    }

    @Test
    void anInviteAcceptedSinceTheLastSyncIsRemovedAsAMember() {
        RedeemCode code = w.code(w.distributor, 1);
        w.invited(code, ALICE);
        w.provider.accept(team.providerAccountId(), "u-77", ALICE);

        assertThat(remove(ALICE).outcome()).isEqualTo(RemovalResult.Outcome.REMOVED);

        assertThat(w.provider.removals()).extracting(r -> r.kind() + " " + r.what()).containsExactly("cancel alice@host.com", "remove u-77");
    }

    @Test
    void aMemberAlreadyGoneAtTheProviderCountsAsRemoved() {
        RedeemCode code = w.code(w.distributor, 1);
        Invitation member = w.joined(code, ALICE);
        w.provider.removeMember(w.f.storage.teams().account(team.id()).orElseThrow(), "user-alice@host.com");

        assertThat(remove(ALICE).codeUsageRestored()).isTrue();
        assertThat(w.reload(member).state()).isEqualTo(REMOVED);
    }

    @Test
    void aSecondIdenticalRemovalIsAlreadyRemovedAndGivesNothingBack() {
        RedeemCode code = w.code(w.distributor, 2);
        w.joined(code, ALICE);
        remove(ALICE);

        RemovalResult again = remove(ALICE);

        assertThat(again.outcome()).isEqualTo(RemovalResult.Outcome.ALREADY_REMOVED);
        assertThat(again.codeUsageRestored()).isFalse();
        assertThat(w.f.reload(code).usedCount()).isZero();
        assertThat(w.provider.removals()).hasSize(1);
    }

    @Test
    void aRemovalUnderWayIsRemovalInProgress() {
        RedeemCode code = w.code(w.distributor, 1);
        Invitation member = w.joined(code, ALICE);
        w.f.storage.transactions().inTransaction(() -> w.f.storage.invitations()
                .claimRemoval(member.id(), RemovalKind.REMOVE, w.f.clock.instant(), Duration.ofMinutes(2)));

        refused(() -> remove(ALICE), ErrorCode.REMOVAL_IN_PROGRESS);
        assertThat(w.provider.removals()).isEmpty();
    }

    @Test
    void anotherDistributorsMemberAndANonMemberGetTheSameNotFoundAndNothingChanges() {
        RedeemCode theirs = w.code(w.other, 1);
        Invitation member = w.joined(theirs, ALICE);

        DomainException foreign = org.junit.jupiter.api.Assertions.assertThrows(DomainException.class, () -> remove(ALICE));
        DomainException nobody = org.junit.jupiter.api.Assertions.assertThrows(DomainException.class, () -> remove(Email.of("x@host.com")));

        assertThat(foreign.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(foreign.getMessage()).isEqualTo(nobody.getMessage());
        assertThat(w.reload(member).state()).isEqualTo(JOINED);
        assertThat(w.f.reload(theirs).usedCount()).isEqualTo(1);
        assertThat(w.provider.removals()).isEmpty();
    }

    @Test
    void aProviderFailureReturnsTheMemberAndIsProviderFailedWithNothingChanged() {
        RedeemCode code = w.code(w.distributor, 1);
        Invitation member = w.joined(code, ALICE);
        w.provider.failRemovals(new TeamProviderException(ProviderError.TRANSIENT, "gateway timeout"));

        refused(() -> remove(ALICE), ErrorCode.PROVIDER_FAILED);

        Invitation back = w.reload(member);
        assertThat(back.state()).isEqualTo(JOINED);
        assertThat(back.acceptedAt()).isEqualTo(member.acceptedAt());
        assertThat(w.f.reload(code).usedCount()).isEqualTo(1);
        assertThat(w.f.reload(team).seatsReserved()).isEqualTo(1);
        assertThat(w.f.storage.invitations().removalFailures(Optional.empty(), 10)).as("a request failure is not a flagged job").isEmpty();

        // the next attempt goes through
        assertThat(remove(ALICE).codeUsageRestored()).isTrue();
        assertThat(w.f.reload(code).usedCount()).isZero();
    }

    @Test
    void aBannedWorkspaceStopsAllocationAndTheRemovalFails() {
        RedeemCode code = w.code(w.distributor, 1);
        w.joined(code, ALICE);
        w.provider.failRemovals(new TeamProviderException(ProviderError.BANNED, "deactivated"));

        refused(() -> remove(ALICE), ErrorCode.PROVIDER_FAILED);

        assertThat(w.f.reload(team).status()).isEqualTo(TeamStatus.BANNED);
    }

    @Test
    void anInvitationStillBeingSentIsAConflict() {
        RedeemCode code = w.code(w.distributor, 1);
        w.redeem.redeem(new io.invitehub.application.redemption.port.in.RedeemCommand(code.code(), ALICE, "10.0.0.1"));

        refused(() -> remove(ALICE), ErrorCode.CONFLICT);
        assertThat(w.f.reload(code).usedCount()).isEqualTo(1);
    }

    @Test
    void staffRemoveByIdAndCancelAQueuedInvitation() {
        RedeemCode code = w.code(w.distributor, 1);
        Invitation member = w.joined(code, ALICE);
        RemovalResult removed = w.removal.removeByStaff(Fixture.STAFF, member.id(), Optional.of("abuse"));
        assertThat(removed.outcome()).isEqualTo(RemovalResult.Outcome.REMOVED);
        assertThat(w.reload(member).endReason()).contains("removed by staff: abuse");

        Team full = w.f.reload(team);
        w.f.storage.transactions().inTransaction(() -> w.f.storage.teams().setStatus(full.id(), TeamStatus.PAUSED));
        RedeemCode queuedCode = w.code(w.distributor, 1);
        Invitation queued = w.redeem.redeem(new io.invitehub.application.redemption.port.in.RedeemCommand(queuedCode.code(),
                Email.of("bob@host.com"), "10.0.0.1")).invitation();
        assertThat(queued.state()).isEqualTo(WAITING);

        RemovalResult cancelled = w.removal.removeByStaff(Fixture.STAFF, queued.id(), Optional.empty());
        assertThat(cancelled.outcome()).isEqualTo(RemovalResult.Outcome.CANCELLED);
        assertThat(cancelled.codeUsageRestored()).isTrue();
        assertThat(w.reload(queued).state()).isEqualTo(CANCELLED);
        assertThat(w.f.reload(queuedCode).usedCount()).isZero();
        refused(() -> w.removal.removeByStaff(Fixture.STAFF, new io.invitehub.domain.invitation.InvitationId(9999), Optional.empty()),
                ErrorCode.NOT_FOUND);
    }

    @Test
    void aClaimThatIsDueAgainIsNotAlsoFinishedByTheRequest() {
        RedeemCode code = w.code(w.distributor, 1);
        Invitation member = w.joined(code, ALICE);
        RemovalClaim claim = w.f.storage.transactions().inTransaction(() -> w.f.storage.invitations()
                .claimRemoval(member.id(), RemovalKind.REMOVE, w.f.clock.instant(), Duration.ofMinutes(2))).orElseThrow();
        w.f.clock.advance(Duration.ofMinutes(3));

        assertThat(w.jobs.resumeRemovals()).isEqualTo(1);

        assertThat(w.reload(member).state()).isEqualTo(REMOVED);
        assertThat(w.reload(member).endReason()).contains("removed (finished after an interrupted request)");
        assertThat(w.f.reload(code).usedCount()).isZero();
        assertThat(remove(ALICE).outcome()).isEqualTo(RemovalResult.Outcome.ALREADY_REMOVED);
        assertThat(claim.from()).isEqualTo(JOINED);
    }
}

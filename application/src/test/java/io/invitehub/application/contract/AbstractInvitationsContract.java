package io.invitehub.application.contract;

import io.invitehub.application.shared.port.out.NewInvitation;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.RemovalKind;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.invitehub.application.contract.InvitationChanges.change;
import static io.invitehub.domain.invitation.InvitationState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link io.invitehub.application.shared.port.out.Invitations}, for the fake and every adapter. */
public abstract class AbstractInvitationsContract extends StorageContractSupport {
    private static final Duration LEASE = Duration.ofMinutes(2);

    private static final InvitationId UNKNOWN = new InvitationId(987_654_321L);

    private Invitation invited(RedeemCode code, Team team, Email email, Instant at) {
        Invitation inv = reserved(code, team, email);
        return tx(() -> storage.invitations().apply(change(inv.id(), RESERVED, INVITED, at, null))).orElseThrow();
    }

    private Invitation joined(RedeemCode code, Team team, Email email) {
        Invitation inv = invited(code, team, email, NOW);
        return move(inv, INVITED, JOINED, null).orElseThrow();
    }

    @Test
    void createStoresAReservedInvitation() {
        User owner = newDistributor();
        RedeemCode code = newCode(new io.invitehub.domain.code.CodeTerms(Optional.of(owner.id()), 1, 30,
                Optional.empty(), Optional.empty(), 1, Optional.empty()));
        Team team = newTeam(3);

        Invitation created = reserved(code, team, ALICE);

        assertThat(created.publicId()).isNotNull();
        assertThat(created.codeId()).isEqualTo(code.id());
        assertThat(created.distributorId()).contains(owner.id());
        assertThat(created.teamId()).contains(team.id());
        assertThat(created.email()).isEqualTo(ALICE);
        assertThat(created.state()).isEqualTo(RESERVED);
        assertThat(created.isRebind()).isFalse();
        assertThat(created.queueSeq()).isEmpty();
        assertThat(created.attempts()).isZero();
        assertThat(created.lastError()).isEmpty();
        assertThat(created.endReason()).isEmpty();
        assertThat(created.createdAt()).isEqualTo(NOW);
        assertThat(created.invitedAt()).isEmpty();
        assertThat(created.acceptedAt()).isEmpty();
        assertThat(created.endedAt()).isEmpty();

        Invitation byId = storage.invitations().findById(created.id()).orElseThrow();
        assertThat(byId).usingRecursiveComparison().isEqualTo(created);
        assertThat(storage.invitations().findByPublicId(created.publicId()).orElseThrow().id()).isEqualTo(created.id());
    }

    @Test
    void lockAllReturnsTheInvitationsInAscendingIdOrderAndLeavesUnknownIdsOut() {
        RedeemCode code = newCode(0);
        Team team = newTeam(3);
        Invitation a = reserved(code, team, ALICE);
        Invitation b = reserved(code, team, BOB);
        move(a, RESERVED, INVITED, null);

        List<Invitation> locked = tx(() -> storage.invitations().lockAll(List.of(b.id(), UNKNOWN, a.id())));

        assertThat(locked).extracting(Invitation::id).containsExactly(a.id(), b.id());
        assertThat(locked.get(0).state()).isEqualTo(INVITED);
        assertThat(tx(() -> storage.invitations().lockAll(List.of()))).isEmpty();
    }

    @Test
    void publicIdsAreDistinct() {
        RedeemCode code = newCode(0);
        Team team = newTeam(3);
        Invitation a = reserved(code, team, ALICE);
        Invitation b = reserved(code, team, BOB);
        assertThat(a.publicId()).isNotEqualTo(b.publicId());
        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void unknownInvitationsAreNotFound() {
        assertThat(storage.invitations().findById(UNKNOWN)).isEmpty();
        assertThat(storage.invitations().findByPublicId(UUID.fromString("00000000-0000-4000-8000-000000000001"))).isEmpty();
    }

    @Test
    void createKeepsTheRebindFlag() {
        RedeemCode code = newCode(1);
        Team team = newTeam(3);
        Invitation rebind = tx(() -> storage.invitations().create(new NewInvitation(code.id(), Optional.empty(),
                Optional.of(team.id()), ALICE, RESERVED, true, false, NOW)));
        assertThat(reload(rebind).isRebind()).isTrue();
        assertThat(reload(rebind).distributorId()).isEmpty();
    }

    @Test
    void waitingInvitationsGetIncreasingQueueSequencesAndPositions() {
        RedeemCode code = newCode(0);
        Invitation first = waiting(code, ALICE);
        Invitation second = waiting(code, BOB);
        Invitation third = waiting(code, CAROL);

        assertThat(first.teamId()).isEmpty();
        assertThat(first.state()).isEqualTo(WAITING);
        assertThat(first.queueSeq()).isPresent();
        assertThat(second.queueSeq().orElseThrow()).isGreaterThan(first.queueSeq().orElseThrow());
        assertThat(third.queueSeq().orElseThrow()).isGreaterThan(second.queueSeq().orElseThrow());
        assertThat(storage.invitations().queuePosition(first.id())).contains(1L);
        assertThat(storage.invitations().queuePosition(second.id())).contains(2L);
        assertThat(storage.invitations().queuePosition(third.id())).contains(3L);
    }

    @Test
    void queuePositionsMoveUpWhenAnEarlierInvitationLeavesTheQueue() {
        RedeemCode code = newCode(0);
        Invitation first = waiting(code, ALICE);
        Invitation second = waiting(code, BOB);
        Invitation third = waiting(code, CAROL);

        assertThat(move(first, WAITING, CANCELLED, "admin")).isPresent();

        assertThat(storage.invitations().queuePosition(second.id())).contains(1L);
        assertThat(storage.invitations().queuePosition(third.id())).contains(2L);
        assertThat(storage.invitations().queuePosition(first.id())).as("no longer waiting: no position, no error").isEmpty();
    }

    @Test
    void aSecondSeatHoldingInvitationForTheSameTeamAndEmailIsAlreadyMember() {
        RedeemCode code = newCode(0);
        RedeemCode other = newCode(0);
        Team team = newTeam(5);
        reserved(code, team, ALICE);

        assertThatThrownBy(() -> reserved(other, team, ALICE))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_MEMBER));
        assertThat(storage.invitations().findOpen(other.id(), ALICE)).isEmpty();
    }

    @Test
    void anEmailHoldsOneOpenInvitationAndMayReturnAfterItEnded() {
        RedeemCode code = newCode(0);
        RedeemCode other = newCode(0);
        Team blue = newTeam(5);
        Team red = newTeam(5);
        Invitation inBlue = reserved(code, blue, ALICE);
        assertThatThrownBy(() -> reserved(other, red, ALICE))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_MEMBER));

        assertThat(move(inBlue, RESERVED, FAILED, "provider refused")).isPresent();
        Invitation inRed = reserved(other, red, ALICE);
        Invitation again = reserved(code, blue, BOB);

        assertThat(inRed.teamId()).contains(red.id());
        assertThat(again.state()).isEqualTo(RESERVED);
    }

    @Test
    void aSecondOpenInvitationForTheSameCodeAndEmailIsAlreadyMember() {
        RedeemCode code = newCode(0);
        Team blue = newTeam(5);
        Team red = newTeam(5);
        reserved(code, blue, ALICE);

        assertThatThrownBy(() -> reserved(code, red, ALICE))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_MEMBER));
        assertThatThrownBy(() -> waiting(code, ALICE))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_MEMBER));
    }

    @Test
    void findOpenFindsWaitingAndSeatHoldingButNotEnded() {
        RedeemCode code = newCode(0);
        Team team = newTeam(5);
        Invitation waiting = waiting(code, ALICE);
        Invitation reserved = reserved(code, team, BOB);

        assertThat(storage.invitations().findOpen(code.id(), ALICE).map(Invitation::id)).contains(waiting.id());
        assertThat(storage.invitations().findOpen(code.id(), BOB).map(Invitation::id)).contains(reserved.id());
        assertThat(storage.invitations().findOpen(code.id(), CAROL)).isEmpty();

        move(reserved, RESERVED, INVITED, null);
        move(reserved, INVITED, JOINED, null);
        assertThat(storage.invitations().findOpen(code.id(), BOB).map(Invitation::state)).contains(JOINED);
        tx(() -> storage.removalClaims().claimRemoval(reserved.id(), io.invitehub.domain.invitation.RemovalKind.REMOVE, NOW, LEASE));
        assertThat(storage.invitations().findOpen(code.id(), BOB).map(Invitation::state)).contains(REMOVING);
        move(reserved, REMOVING, REMOVED, "distributor");
        assertThat(storage.invitations().findOpen(code.id(), BOB)).isEmpty();

        move(waiting, WAITING, CANCELLED, "admin");
        assertThat(storage.invitations().findOpen(code.id(), ALICE)).isEmpty();
    }

    @Test
    void findOpenIsPerCode() {
        RedeemCode code = newCode(0);
        RedeemCode other = newCode(0);
        Team team = newTeam(5);
        reserved(code, team, ALICE);
        assertThat(storage.invitations().findOpen(other.id(), ALICE)).isEmpty();
    }

    @Test
    void openOfEmailListsItsOpenInvitationsOfEveryCodeNewestFirst() {
        RedeemCode code = newCode(0);
        RedeemCode other = newCode(0);
        Team team = newTeam(5);
        Invitation ended = reserved(code, team, ALICE);
        move(ended, RESERVED, CANCELLED, "admin");
        Invitation open = reserved(other, team, ALICE);
        Invitation queued = waiting(code, BOB);

        assertThat(storage.invitations().openOfEmail(ALICE)).extracting(Invitation::id).containsExactly(open.id());
        assertThat(storage.invitations().openOfEmail(BOB)).extracting(Invitation::id).containsExactly(queued.id());
        assertThat(storage.invitations().openOfEmail(CAROL)).isEmpty();
    }

    @Test
    void openOfEmailAnswersForEveryOtherCode() {
        RedeemCode code = newCode(0);
        RedeemCode other = newCode(0);
        Team team = newTeam(5);
        Invitation inv = reserved(code, team, ALICE);
        Invitation queued = waiting(code, BOB);

        assertThat(openOfOtherCode(ALICE, other).map(Invitation::id)).contains(inv.id());
        assertThat(openOfOtherCode(BOB, other).map(Invitation::id)).contains(queued.id());
        assertThat(openOfOtherCode(ALICE, code)).isEmpty();
        assertThat(openOfOtherCode(CAROL, other)).isEmpty();

        move(inv, RESERVED, CANCELLED, "admin");
        assertThat(openOfOtherCode(ALICE, other)).isEmpty();
    }

    @Test
    void findLatestIsTheMostRecentOpenOrEnded() {
        RedeemCode code = newCode(0);
        Team team = newTeam(5);
        assertThat(storage.invitations().findLatest(code.id(), ALICE)).isEmpty();

        Invitation first = reserved(code, team, ALICE);
        move(first, RESERVED, FAILED, "refused");
        Invitation second = reserved(code, team, ALICE);
        assertThat(storage.invitations().findLatest(code.id(), ALICE).map(Invitation::id)).contains(second.id());

        move(second, RESERVED, CANCELLED, "admin");
        Invitation latest = storage.invitations().findLatest(code.id(), ALICE).orElseThrow();
        assertThat(latest.id()).isEqualTo(second.id());
        assertThat(latest.state()).isEqualTo(CANCELLED);
        assertThat(storage.invitations().findLatest(code.id(), BOB)).isEmpty();
    }

    @Test
    void transitionSetsTheTimestampOfEachState() {
        RedeemCode code = newCode(0);
        Team team = newTeam(5);
        Invitation inv = reserved(code, team, ALICE);
        Instant invitedAt = NOW.plusSeconds(10);
        Instant joinedAt = NOW.plusSeconds(20);
        Instant endedAt = NOW.plusSeconds(30);

        Invitation invited = tx(() -> storage.invitations().apply(change(inv.id(), RESERVED, INVITED, invitedAt, null))).orElseThrow();
        assertThat(invited.state()).isEqualTo(INVITED);
        assertThat(invited.invitedAt()).contains(invitedAt);
        assertThat(invited.acceptedAt()).isEmpty();
        assertThat(invited.endedAt()).isEmpty();

        Invitation joined = tx(() -> storage.invitations().apply(change(inv.id(), INVITED, JOINED, joinedAt, null))).orElseThrow();
        assertThat(joined.acceptedAt()).contains(joinedAt);
        assertThat(joined.invitedAt()).contains(invitedAt);

        tx(() -> storage.removalClaims().claimRemoval(inv.id(), io.invitehub.domain.invitation.RemovalKind.REMOVE,
                endedAt.minusSeconds(1), LEASE)).orElseThrow();
        Invitation removed = tx(() -> storage.invitations().apply(change(inv.id(), REMOVING, REMOVED, endedAt, "removed by distributor")))
                .orElseThrow();
        assertThat(removed.state()).isEqualTo(REMOVED);
        assertThat(removed.endedAt()).contains(endedAt);
        assertThat(removed.endReason()).contains("removed by distributor");
        assertThat(removed.invitedAt()).contains(invitedAt);
        assertThat(removed.acceptedAt()).contains(joinedAt);
        assertThat(reload(inv)).usingRecursiveComparison().isEqualTo(removed);
    }

    @Test
    void transitionToFailedRecordsTheEndAndReason() {
        RedeemCode code = newCode(0);
        Team team = newTeam(5);
        Invitation inv = reserved(code, team, ALICE);

        Invitation failed = move(inv, RESERVED, FAILED, "REJECTED: workspace full").orElseThrow();

        assertThat(failed.state()).isEqualTo(FAILED);
        assertThat(failed.endedAt()).contains(NOW);
        assertThat(failed.endReason()).contains("REJECTED: workspace full");
        assertThat(failed.invitedAt()).isEmpty();
        assertThat(failed.teamId()).contains(team.id());
    }

    @Test
    void transitionFromAStateTheInvitationIsNoLongerInChangesNothing() {
        RedeemCode code = newCode(0);
        Team team = newTeam(5);
        Invitation inv = reserved(code, team, ALICE);
        move(inv, RESERVED, INVITED, null);

        assertThat(move(inv, RESERVED, FAILED, "late")).isEmpty();
        assertThat(move(inv, RESERVED, INVITED, null)).isEmpty();
        Invitation current = reload(inv);
        assertThat(current.state()).isEqualTo(INVITED);
        assertThat(current.endedAt()).isEmpty();
        assertThat(current.endReason()).isEmpty();
    }

    @Test
    void removingIsEnteredOnlyThroughARemovalClaim() {
        RedeemCode code = newCode(0);
        Team team = newTeam(5);
        Invitation inv = reserved(code, team, ALICE);
        move(inv, RESERVED, INVITED, null);

        assertThatThrownBy(() -> move(inv, INVITED, REMOVING, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(reload(inv).state()).isEqualTo(INVITED);
    }

    @Test
    void transitionOfAnUnknownInvitationIsEmpty() {
        assertThat(tx(() -> storage.invitations().apply(change(UNKNOWN, RESERVED, INVITED, NOW, null)))).isEmpty();
    }

    @Test
    void anIllegalTransitionIsAProgrammingError() {
        RedeemCode code = newCode(0);
        Team team = newTeam(5);
        Invitation inv = reserved(code, team, ALICE);

        assertThatThrownBy(() -> move(inv, RESERVED, JOINED, null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> move(inv, FAILED, RESERVED, null)).isInstanceOf(IllegalStateException.class);
        assertThat(reload(inv).state()).isEqualTo(RESERVED);
    }

    @Test
    void seatHoldersAreTheLiveInvitationsOfOneTeam() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Team other = newTeam(10);
        Invitation reservedOne = reserved(code, team, ALICE);
        Invitation invited = reserved(code, team, BOB);
        move(invited, RESERVED, INVITED, null);
        Invitation failed = reserved(code, team, CAROL);
        move(failed, RESERVED, FAILED, "no");
        reserved(code, other, io.invitehub.domain.shared.Email.of("dave@host.com"));
        waiting(code, io.invitehub.domain.shared.Email.of("erin@host.com"));

        assertThat(storage.invitations().seatHolders(team.id())).extracting(Invitation::id)
                .containsExactly(reservedOne.id(), invited.id());
    }

    @Test
    void theSeatHolderAndTheLatestInvitationInATeam() {
        RedeemCode code = newCode(0);
        Team blue = newTeam(5);
        Team red = newTeam(5);
        Invitation first = joined(code, blue, ALICE);
        assertThat(storage.invitations().findSeatHolder(blue.id(), ALICE).map(Invitation::id)).contains(first.id());
        assertThat(storage.invitations().findSeatHolder(red.id(), ALICE)).isEmpty();
        assertThat(storage.invitations().findSeatHolder(blue.id(), BOB)).isEmpty();

        tx(() -> storage.removalClaims().claimRemoval(first.id(), RemovalKind.REMOVE, NOW, LEASE));
        assertThat(storage.invitations().findSeatHolder(blue.id(), ALICE).map(Invitation::state)).contains(REMOVING);
        move(first, REMOVING, REMOVED, "removed");
        assertThat(storage.invitations().findSeatHolder(blue.id(), ALICE)).isEmpty();
        assertThat(storage.invitations().findLatestInTeam(blue.id(), ALICE).map(Invitation::state)).contains(REMOVED);

        Invitation again = reserved(code, blue, ALICE);
        assertThat(storage.invitations().findLatestInTeam(blue.id(), ALICE).map(Invitation::id)).contains(again.id());
        assertThat(storage.invitations().findLatestInTeam(red.id(), ALICE)).isEmpty();
    }
}

package io.invitehub.application.contract;

import io.invitehub.application.port.out.NewInvitation;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.invitehub.domain.invitation.InvitationState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link io.invitehub.application.port.out.Invitations}, for the fake and every adapter. */
public abstract class AbstractInvitationsContract extends StorageContractSupport {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final InvitationId UNKNOWN = new InvitationId(987_654_321L);

    @Override
    protected abstract StoragePorts newStorage();

    private static List<InvitationId> ids(List<Invitation> invitations) {
        return invitations.stream().map(Invitation::id).toList();
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
        assertThat(storage.invitations().queuePosition(first.id())).isEqualTo(1);
        assertThat(storage.invitations().queuePosition(second.id())).isEqualTo(2);
        assertThat(storage.invitations().queuePosition(third.id())).isEqualTo(3);
    }

    @Test
    void queuePositionsMoveUpWhenAnEarlierInvitationLeavesTheQueue() {
        RedeemCode code = newCode(0);
        Invitation first = waiting(code, ALICE);
        Invitation second = waiting(code, BOB);
        Invitation third = waiting(code, CAROL);

        assertThat(move(first, WAITING, CANCELLED, "admin")).isPresent();

        assertThat(storage.invitations().queuePosition(second.id())).isEqualTo(1);
        assertThat(storage.invitations().queuePosition(third.id())).isEqualTo(2);
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
        tx(() -> storage.invitations().claimRemoval(reserved.id(), io.invitehub.domain.invitation.RemovalKind.REMOVE, NOW, LEASE));
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
    void findOpenForOtherCodeLooksOnlyAtOtherCodes() {
        RedeemCode code = newCode(0);
        RedeemCode other = newCode(0);
        Team team = newTeam(5);
        Invitation inv = reserved(code, team, ALICE);
        Invitation queued = waiting(code, BOB);

        assertThat(storage.invitations().findOpenForOtherCode(ALICE, other.id()).map(Invitation::id)).contains(inv.id());
        assertThat(storage.invitations().findOpenForOtherCode(BOB, other.id()).map(Invitation::id)).contains(queued.id());
        assertThat(storage.invitations().findOpenForOtherCode(ALICE, code.id())).isEmpty();
        assertThat(storage.invitations().findOpenForOtherCode(CAROL, other.id())).isEmpty();

        move(inv, RESERVED, CANCELLED, "admin");
        assertThat(storage.invitations().findOpenForOtherCode(ALICE, other.id())).isEmpty();
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

        Invitation invited = tx(() -> storage.invitations().transition(inv.id(), RESERVED, INVITED, invitedAt, null)).orElseThrow();
        assertThat(invited.state()).isEqualTo(INVITED);
        assertThat(invited.invitedAt()).contains(invitedAt);
        assertThat(invited.acceptedAt()).isEmpty();
        assertThat(invited.endedAt()).isEmpty();

        Invitation joined = tx(() -> storage.invitations().transition(inv.id(), INVITED, JOINED, joinedAt, null)).orElseThrow();
        assertThat(joined.acceptedAt()).contains(joinedAt);
        assertThat(joined.invitedAt()).contains(invitedAt);

        tx(() -> storage.invitations().claimRemoval(inv.id(), io.invitehub.domain.invitation.RemovalKind.REMOVE,
                endedAt.minusSeconds(1), LEASE)).orElseThrow();
        Invitation removed = tx(() -> storage.invitations().transition(inv.id(), REMOVING, REMOVED, endedAt, "removed by distributor"))
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
        assertThat(tx(() -> storage.invitations().transition(UNKNOWN, RESERVED, INVITED, NOW, null))).isEmpty();
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
    void claimForDispatchTakesDueReservedInvitationsOldestFirstUpToTheLimit() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        Invitation b = reserved(code, team, BOB);
        Invitation c = reserved(code, team, CAROL);
        waiting(code, io.invitehub.domain.shared.Email.of("dave@host.com"));

        List<Invitation> firstClaim = tx(() -> storage.invitations().claimForDispatch(2, NOW, LEASE));
        assertThat(ids(firstClaim)).containsExactly(a.id(), b.id());
        assertThat(firstClaim).allSatisfy(i -> assertThat(i.state()).isEqualTo(RESERVED));

        assertThat(ids(tx(() -> storage.invitations().claimForDispatch(10, NOW, LEASE)))).containsExactly(c.id());
        assertThat(tx(() -> storage.invitations().claimForDispatch(10, NOW, LEASE))).isEmpty();
        assertThat(tx(() -> storage.invitations().claimForDispatch(10, NOW.plus(LEASE).minusNanos(1000), LEASE))).isEmpty();
    }

    @Test
    void claimedInvitationsAreDueAgainWhenTheLeaseEnds() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        Invitation b = reserved(code, team, BOB);
        tx(() -> storage.invitations().claimForDispatch(10, NOW, LEASE));

        List<Invitation> again = tx(() -> storage.invitations().claimForDispatch(10, NOW.plus(LEASE), LEASE));

        assertThat(ids(again)).containsExactly(a.id(), b.id());
    }

    @Test
    void claimForDispatchSkipsInvitationsThatAreNoLongerReserved() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        Invitation b = reserved(code, team, BOB);
        move(a, RESERVED, INVITED, null);
        move(b, RESERVED, CANCELLED, "admin");

        assertThat(tx(() -> storage.invitations().claimForDispatch(10, NOW, LEASE))).isEmpty();
    }

    @Test
    void scheduleRetryCountsTheAttemptAndDelaysTheNextClaim() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        Instant retryAt = NOW.plusSeconds(4);
        tx(() -> storage.invitations().claimForDispatch(10, NOW, LEASE));

        txRun(() -> storage.invitations().scheduleRetry(a.id(), retryAt, "TRANSIENT: timeout"));

        Invitation retried = reload(a);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).contains("TRANSIENT: timeout");
        assertThat(retried.state()).isEqualTo(RESERVED);
        assertThat(tx(() -> storage.invitations().claimForDispatch(10, retryAt.minusNanos(1000), LEASE))).isEmpty();
        List<Invitation> due = tx(() -> storage.invitations().claimForDispatch(10, retryAt, LEASE));
        assertThat(ids(due)).containsExactly(a.id());
        assertThat(due.get(0).attempts()).isEqualTo(1);

        txRun(() -> storage.invitations().scheduleRetry(a.id(), retryAt.plusSeconds(8), "RATE_LIMITED: slow down"));
        assertThat(reload(a).attempts()).isEqualTo(2);
        assertThat(reload(a).lastError()).contains("RATE_LIMITED: slow down");
    }

    @Test
    void claimOrdersByDueTimeFirstDueFirstOutThenById() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        Invitation b = reserved(code, team, BOB);
        txRun(() -> storage.invitations().scheduleRetry(a.id(), NOW.minusSeconds(5), "TRANSIENT"));
        txRun(() -> storage.invitations().scheduleRetry(b.id(), NOW.minusSeconds(10), "TRANSIENT"));
        Invitation c = reserved(code, team, CAROL);

        List<Invitation> claimed = tx(() -> storage.invitations().claimForDispatch(10, NOW, LEASE));

        // a new invitation is due when it is created (NOW); the retries were due earlier, so they go
        // first: no starvation of retries under a steady stream of new redemptions
        assertThat(ids(claimed)).containsExactly(b.id(), a.id(), c.id());
    }
}

package io.invitehub.application.contract;

import io.invitehub.application.port.out.DispatchClaim;
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
    void lockAllReturnsTheInvitationsInAscendingIdOrderAndLeavesUnknownIdsOut() {
        RedeemCode code = newCode(0);
        Team team = newTeam(3);
        Invitation a = reserved(code, team, ALICE);
        Invitation b = reserved(code, team, BOB);
        move(a, InvitationState.RESERVED, InvitationState.INVITED, null);

        List<Invitation> locked = tx(() -> storage.invitations().lockAll(List.of(b.id(), UNKNOWN, a.id())));

        assertThat(locked).extracting(Invitation::id).containsExactly(a.id(), b.id());
        assertThat(locked.get(0).state()).isEqualTo(InvitationState.INVITED);
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

        List<Invitation> firstClaim = tx(() -> storage.invitations().claimForDispatch(2, NOW, LEASE).invitations());
        assertThat(ids(firstClaim)).containsExactly(a.id(), b.id());
        assertThat(firstClaim).allSatisfy(i -> assertThat(i.state()).isEqualTo(RESERVED));

        assertThat(ids(tx(() -> storage.invitations().claimForDispatch(10, NOW, LEASE).invitations()))).containsExactly(c.id());
        assertThat(tx(() -> storage.invitations().claimForDispatch(10, NOW, LEASE).invitations())).isEmpty();
        assertThat(tx(() -> storage.invitations().claimForDispatch(10, NOW.plus(LEASE).minusNanos(1000), LEASE).invitations())).isEmpty();
    }

    @Test
    void claimedInvitationsAreDueAgainWhenTheLeaseEnds() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        Invitation b = reserved(code, team, BOB);
        tx(() -> storage.invitations().claimForDispatch(10, NOW, LEASE).invitations());

        List<Invitation> again = tx(() -> storage.invitations().claimForDispatch(10, NOW.plus(LEASE), LEASE).invitations());

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

        assertThat(tx(() -> storage.invitations().claimForDispatch(10, NOW, LEASE).invitations())).isEmpty();
    }

    @Test
    void scheduleRetryCountsTheAttemptAndDelaysTheNextClaim() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        Instant retryAt = NOW.plusSeconds(4);
        UUID claim = tx(() -> storage.invitations().claimForDispatch(10, NOW, LEASE)).token();

        assertThat(tx(() -> storage.invitations().scheduleRetry(a.id(), claim, retryAt, "TRANSIENT: timeout"))).isTrue();

        Invitation retried = reload(a);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).contains("TRANSIENT: timeout");
        assertThat(retried.state()).isEqualTo(RESERVED);
        assertThat(tx(() -> storage.invitations().claimForDispatch(10, retryAt.minusNanos(1000), LEASE).invitations())).isEmpty();
        DispatchClaim second = tx(() -> storage.invitations().claimForDispatch(10, retryAt, LEASE));
        List<Invitation> due = second.invitations();
        assertThat(ids(due)).containsExactly(a.id());
        assertThat(due.get(0).attempts()).isEqualTo(1);
        assertThat(second.token()).isNotEqualTo(claim);

        txRun(() -> storage.invitations().scheduleRetry(a.id(), second.token(), retryAt.plusSeconds(8), "RATE_LIMITED: slow down"));
        assertThat(reload(a).attempts()).isEqualTo(2);
        assertThat(reload(a).lastError()).contains("RATE_LIMITED: slow down");
    }

    @Test
    void claimOrdersByDueTimeFirstDueFirstOutThenById() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        Invitation b = reserved(code, team, BOB);
        UUID claim = tx(() -> storage.invitations().claimForDispatch(10, NOW, LEASE)).token();
        txRun(() -> storage.invitations().scheduleRetry(a.id(), claim, NOW.minusSeconds(5), "TRANSIENT"));
        txRun(() -> storage.invitations().scheduleRetry(b.id(), claim, NOW.minusSeconds(10), "TRANSIENT"));
        Invitation c = reserved(code, team, CAROL);

        List<Invitation> claimed = tx(() -> storage.invitations().claimForDispatch(10, NOW, LEASE).invitations());

        // a new invitation is due when it is created (NOW); the retries were due earlier, so they go
        // first: no starvation of retries under a steady stream of new redemptions
        assertThat(ids(claimed)).containsExactly(b.id(), a.id(), c.id());
    }

    // ---- dispatcher fencing (ADR 5) -------------------------------------------------------------

    @Test
    void aStaleClaimCannotRecordAnOutcomeOverTheNewerClaim() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        UUID stale = tx(() -> storage.invitations().claimForDispatch(10, NOW, LEASE)).token();
        // the first worker stalls past its lease; a second worker claims the row again
        DispatchClaim again = tx(() -> storage.invitations().claimForDispatch(10, NOW.plus(LEASE), LEASE));
        assertThat(ids(again.invitations())).containsExactly(a.id());
        assertThat(again.token()).isNotEqualTo(stale);

        assertThat(tx(() -> storage.invitations().transitionClaimed(a.id(), stale, FAILED, NOW.plus(LEASE), "stale"))).isEmpty();
        assertThat(tx(() -> storage.invitations().scheduleRetry(a.id(), stale, NOW.plus(LEASE.multipliedBy(5)), "stale"))).isFalse();
        Invitation untouched = reload(a);
        assertThat(untouched.state()).isEqualTo(RESERVED);
        assertThat(untouched.attempts()).isZero();
        assertThat(untouched.lastError()).isEmpty();
        // the stale retry did not move the newer claim's lease: the row is due when that lease ends
        DispatchClaim third = tx(() -> storage.invitations().claimForDispatch(10, NOW.plus(LEASE.multipliedBy(2)), LEASE));
        assertThat(ids(third.invitations())).containsExactly(a.id());

        assertThat(tx(() -> storage.invitations().transitionClaimed(a.id(), again.token(), INVITED, NOW, null))).isEmpty();
        assertThat(tx(() -> storage.invitations().transitionClaimed(a.id(), third.token(), INVITED, NOW.plus(LEASE.multipliedBy(2)), null)))
                .map(Invitation::state).contains(INVITED);
        assertThat(tx(() -> storage.invitations().transitionClaimed(a.id(), third.token(), FAILED, NOW, "late"))).isEmpty();
        assertThat(reload(a).state()).isEqualTo(INVITED);
    }

    @Test
    void theCurrentClaimRecordsItsOutcome() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        Invitation b = reserved(code, team, BOB);
        UUID claim = tx(() -> storage.invitations().claimForDispatch(10, NOW, LEASE)).token();

        Invitation invited = tx(() -> storage.invitations().transitionClaimed(a.id(), claim, INVITED, NOW.plusSeconds(1), null))
                .orElseThrow();
        Invitation failed = tx(() -> storage.invitations().transitionClaimed(b.id(), claim, FAILED, NOW.plusSeconds(2), "REJECTED: no"))
                .orElseThrow();

        assertThat(invited.invitedAt()).contains(NOW.plusSeconds(1));
        assertThat(failed.endReason()).contains("REJECTED: no");
        assertThat(failed.endedAt()).contains(NOW.plusSeconds(2));
        assertThat(tx(() -> storage.invitations().transitionClaimed(a.id(), claim, FAILED, NOW, "again"))).isEmpty();
    }

    @Test
    void anUnclaimedInvitationTakesNoClaimedOutcome() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        Invitation b = reserved(code, team, BOB);
        UUID otherClaim = tx(() -> storage.invitations().claimForDispatch(1, NOW, LEASE)).token(); // claims a only
        move(a, RESERVED, CANCELLED, "admin");

        assertThat(tx(() -> storage.invitations().transitionClaimed(b.id(), otherClaim, INVITED, NOW, null))).isEmpty();
        assertThat(tx(() -> storage.invitations().scheduleRetry(b.id(), otherClaim, NOW, "x"))).isFalse();
        assertThat(reload(b).state()).isEqualTo(RESERVED);
        assertThat(reload(b).attempts()).isZero();
    }

    // ---- the waiting queue per group (ADR 14) -----------------------------------------------------

    @Test
    void queuePositionsCountOnlyTheSameQueue() {
        io.invitehub.domain.team.TeamGroupId gold = tx(() -> storage.teams().createGroup("gold"));
        RedeemCode plain = newCode(0);
        RedeemCode golden = newCode(groupTerms(0, gold));
        Invitation p1 = waiting(plain, ALICE);
        Invitation g1 = waiting(golden, BOB);
        Invitation p2 = waiting(plain, CAROL);
        Invitation g2 = waiting(golden, io.invitehub.domain.shared.Email.of("dave@host.com"));

        assertThat(storage.invitations().queuePosition(p1.id())).contains(1L);
        assertThat(storage.invitations().queuePosition(p2.id())).contains(2L);
        assertThat(storage.invitations().queuePosition(g1.id())).contains(1L);
        assertThat(storage.invitations().queuePosition(g2.id())).contains(2L);
        assertThat(storage.invitations().anyWaiting(Optional.of(gold))).isTrue();
        assertThat(storage.invitations().anyWaiting(Optional.empty())).isTrue();
        assertThat(storage.invitations().waitingQueues()).containsExactly(Optional.empty(), Optional.of(gold));

        move(g1, WAITING, CANCELLED, "admin");
        assertThat(storage.invitations().queuePosition(g2.id())).contains(1L);
        assertThat(storage.invitations().queuePosition(p2.id())).contains(2L);
        move(p1, WAITING, CANCELLED, "admin");
        move(p2, WAITING, CANCELLED, "admin");
        assertThat(storage.invitations().anyWaiting(Optional.empty())).isFalse();
        assertThat(storage.invitations().waitingQueues()).containsExactly(Optional.of(gold));
    }

    @Test
    void claimWaitingReturnsTheOldestOfOneQueueInOrder() {
        io.invitehub.domain.team.TeamGroupId gold = tx(() -> storage.teams().createGroup("gold"));
        RedeemCode plain = newCode(0);
        RedeemCode golden = newCode(groupTerms(0, gold));
        Invitation p1 = waiting(plain, ALICE);
        waiting(golden, BOB);
        Invitation p2 = waiting(plain, CAROL);
        Invitation p3 = waiting(plain, io.invitehub.domain.shared.Email.of("dave@host.com"));
        reserved(plain, newTeam(5), io.invitehub.domain.shared.Email.of("erin@host.com"));

        assertThat(ids(tx(() -> storage.invitations().claimWaiting(Optional.empty(), 2)))).containsExactly(p1.id(), p2.id());
        assertThat(ids(tx(() -> storage.invitations().claimWaiting(Optional.empty(), 10)))).containsExactly(p1.id(), p2.id(), p3.id());
        assertThat(tx(() -> storage.invitations().claimWaiting(Optional.of(gold), 10))).extracting(Invitation::email).containsExactly(BOB);
        assertThat(storage.invitations().waitingQueues()).isEqualTo(List.of(Optional.empty(), Optional.of(gold)));
    }

    @Test
    void promoteMovesAWaitingInvitationIntoATeamAndTheOutbox() {
        RedeemCode code = newCode(0);
        Team team = newTeam(5);
        Invitation first = waiting(code, ALICE);
        Invitation second = waiting(code, BOB);
        Instant later = NOW.plusSeconds(30);

        Invitation promoted = tx(() -> storage.invitations().promote(first.id(), team.id(), later)).orElseThrow();

        assertThat(promoted.state()).isEqualTo(RESERVED);
        assertThat(promoted.teamId()).contains(team.id());
        assertThat(reload(first)).usingRecursiveComparison().isEqualTo(promoted);
        assertThat(storage.invitations().queuePosition(second.id())).contains(1L);
        assertThat(storage.invitations().seatHolders(team.id())).extracting(Invitation::id).containsExactly(first.id());
        assertThat(tx(() -> storage.invitations().claimForDispatch(10, later.minusNanos(1000), LEASE).invitations())).isEmpty();
        assertThat(ids(tx(() -> storage.invitations().claimForDispatch(10, later, LEASE).invitations()))).containsExactly(first.id());
        // only once
        assertThat(tx(() -> storage.invitations().promote(first.id(), team.id(), later))).isEmpty();
    }

    @Test
    void promoteRefusesAnInvitationThatLeftTheQueue() {
        RedeemCode code = newCode(0);
        Team team = newTeam(5);
        Invitation gone = waiting(code, ALICE);
        move(gone, WAITING, CANCELLED, "admin");

        assertThat(tx(() -> storage.invitations().promote(gone.id(), team.id(), NOW))).isEmpty();
        assertThat(reload(gone).state()).isEqualTo(CANCELLED);
        assertThat(reload(gone).teamId()).isEmpty();
    }

    @Test
    void promoteRefusesATeamWhereTheEmailAlreadyHoldsASeat() {
        RedeemCode code = newCode(0);
        RedeemCode other = newCode(0);
        Team team = newTeam(5);
        Invitation held = reserved(code, team, ALICE);
        move(held, RESERVED, INVITED, null);
        move(held, INVITED, JOINED, null);
        Invitation rebind = tx(() -> storage.invitations().create(new NewInvitation(other.id(), Optional.empty(), Optional.empty(),
                ALICE, WAITING, true, false, NOW)));

        assertThat(tx(() -> storage.invitations().promote(rebind.id(), team.id(), NOW))).isEmpty();
        assertThat(reload(rebind).state()).isEqualTo(WAITING);
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
}

package io.invitehub.application.contract;

import io.invitehub.application.membership.port.out.RemovalClaim;
import io.invitehub.application.membership.view.RemovalFailure;
import io.invitehub.application.shared.port.out.NewInvitation;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.RemovalKind;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.invitehub.domain.invitation.InvitationState.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The member-lifecycle part of the {@code Invitations}, {@code RedeemCodes} and {@code Teams} contracts
 * (removal claims, timeout and expiry selection, resumption, rebind bookkeeping), for the fakes and
 * every adapter.
 */
public abstract class AbstractMemberLifecycleContract extends StorageContractSupport {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Email DAVE = Email.of("dave@host.com");

    /** Sets the code's activation (as acceptance sync does): member_expires_at = at + validity_days. */
    protected abstract void activate(RedeemCode code, Instant at);

    private Invitation invited(RedeemCode code, Team team, Email email, Instant at) {
        Invitation inv = reserved(code, team, email);
        return tx(() -> storage.invitations().transition(inv.id(), RESERVED, INVITED, at, null)).orElseThrow();
    }

    private Invitation joined(RedeemCode code, Team team, Email email) {
        Invitation inv = invited(code, team, email, NOW);
        return move(inv, INVITED, JOINED, null).orElseThrow();
    }

    private List<InvitationId> ids(List<RemovalClaim> claims) {
        return claims.stream().map(c -> c.invitation().id()).toList();
    }

    @Test
    void claimRemovalMovesToRemovingRemembersWhereFromAndOnlyOneCallerWins() {
        RedeemCode code = newCode(0);
        Team team = newTeam(5);
        Invitation member = joined(code, team, ALICE);
        Invitation pending = invited(code, team, BOB, NOW);

        RemovalClaim claim = tx(() -> storage.invitations().claimRemoval(member.id(), RemovalKind.REMOVE, NOW, LEASE)).orElseThrow();
        assertThat(claim.invitation().state()).isEqualTo(REMOVING);
        assertThat(claim.from()).isEqualTo(JOINED);
        assertThat(claim.kind()).isEqualTo(RemovalKind.REMOVE);
        assertThat(claim.failedAttempts()).isZero();
        assertThat(claim.rebindTo()).isEmpty();
        assertThat(tx(() -> storage.invitations().claimRemoval(member.id(), RemovalKind.REMOVE, NOW, LEASE))).isEmpty();

        assertThat(tx(() -> storage.invitations().claimRemoval(pending.id(), RemovalKind.REMOVE, NOW, LEASE)).orElseThrow().from())
                .isEqualTo(INVITED);
        assertThat(reload(member).state()).isEqualTo(REMOVING);
        assertThat(reload(member).acceptedAt()).isPresent();
    }

    @Test
    void claimRemovalRefusesStatesItsKindMayNotClaimFrom() {
        RedeemCode code = newCode(0);
        Team team = newTeam(5);
        Invitation reserved = reserved(code, team, ALICE);
        Invitation member = joined(code, team, BOB);

        assertThat(tx(() -> storage.invitations().claimRemoval(reserved.id(), RemovalKind.REMOVE, NOW, LEASE))).isEmpty();
        assertThat(tx(() -> storage.invitations().claimRemoval(member.id(), RemovalKind.TIMEOUT, NOW, LEASE))).isEmpty();
        assertThat(reload(reserved).state()).isEqualTo(RESERVED);
        assertThat(reload(member).state()).isEqualTo(JOINED);
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

        tx(() -> storage.invitations().claimRemoval(first.id(), RemovalKind.REMOVE, NOW, LEASE));
        assertThat(storage.invitations().findSeatHolder(blue.id(), ALICE).map(Invitation::state)).contains(REMOVING);
        move(first, REMOVING, REMOVED, "removed");
        assertThat(storage.invitations().findSeatHolder(blue.id(), ALICE)).isEmpty();
        assertThat(storage.invitations().findLatestInTeam(blue.id(), ALICE).map(Invitation::state)).contains(REMOVED);

        Invitation again = reserved(code, blue, ALICE);
        assertThat(storage.invitations().findLatestInTeam(blue.id(), ALICE).map(Invitation::id)).contains(again.id());
        assertThat(storage.invitations().findLatestInTeam(red.id(), ALICE)).isEmpty();
    }

    @Test
    void abandonReturnsToTheStateItCameFromAndMayFlagTheFailure() {
        RedeemCode code = newCode(0);
        Team team = newTeam(5);
        Invitation member = joined(code, team, ALICE);
        Invitation pending = invited(code, team, BOB, NOW);
        tx(() -> storage.invitations().claimRemoval(member.id(), RemovalKind.EXPIRE, NOW, LEASE));
        tx(() -> storage.invitations().claimRemoval(pending.id(), RemovalKind.REMOVE, NOW, LEASE));

        Invitation back = tx(() -> storage.invitations().abandonRemoval(member.id(), NOW, "TRANSIENT: down", true)).orElseThrow();
        assertThat(back.state()).isEqualTo(JOINED);
        assertThat(back.acceptedAt()).isEqualTo(member.acceptedAt());
        assertThat(back.endedAt()).isEmpty();
        assertThat(tx(() -> storage.invitations().abandonRemoval(member.id(), NOW, "again", true))).isEmpty();
        assertThat(tx(() -> storage.invitations().abandonRemoval(pending.id(), NOW, "502", false)).orElseThrow().state())
                .isEqualTo(INVITED);

        List<RemovalFailure> failures = storage.invitations().removalFailures(Optional.empty(), 10);
        assertThat(failures).hasSize(1);
        RemovalFailure failure = failures.get(0);
        assertThat(failure.id()).isEqualTo(member.id());
        assertThat(failure.state()).isEqualTo(JOINED);
        assertThat(failure.kind()).contains(RemovalKind.EXPIRE);
        assertThat(failure.error()).contains("TRANSIENT: down");
        assertThat(failure.teamName()).contains(team.name());
        assertThat(storage.invitations().removalFailures(Optional.of(member.id()), 10)).isEmpty();
    }

    @Test
    void unacceptedClaimsTakeInvitedInvitationsOlderThanTheCutOffOnce() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation old = invited(code, team, ALICE, NOW.minus(Duration.ofDays(8)));
        Invitation older = invited(code, team, BOB, NOW.minus(Duration.ofDays(9)));
        invited(code, team, CAROL, NOW.minus(Duration.ofDays(6)));
        Invitation joined = joined(code, team, DAVE);
        Instant cutOff = NOW.minus(Duration.ofDays(7));

        List<RemovalClaim> first = tx(() -> storage.invitations().claimUnaccepted(cutOff, 1, NOW, LEASE));
        assertThat(ids(first)).containsExactly(older.id());
        assertThat(first.get(0).kind()).isEqualTo(RemovalKind.TIMEOUT);
        assertThat(first.get(0).from()).isEqualTo(INVITED);
        assertThat(ids(tx(() -> storage.invitations().claimUnaccepted(cutOff, 10, NOW, LEASE)))).containsExactly(old.id());
        assertThat(tx(() -> storage.invitations().claimUnaccepted(cutOff, 10, NOW, LEASE))).isEmpty();
        assertThat(reload(joined).state()).isEqualTo(JOINED);
    }

    @Test
    void flaggedFailuresAreLeftOutOfTimeoutAndExpiry() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation stuck = invited(code, team, ALICE, NOW.minus(Duration.ofDays(30)));
        tx(() -> storage.invitations().claimUnaccepted(NOW, 10, NOW, LEASE));
        tx(() -> storage.invitations().abandonRemoval(stuck.id(), NOW, "REJECTED", true));
        txRun(() -> storage.codes().setActive(code.id(), false));

        assertThat(tx(() -> storage.invitations().claimUnaccepted(NOW, 10, NOW, LEASE))).isEmpty();
        assertThat(tx(() -> storage.invitations().claimExpired(10, NOW, LEASE))).isEmpty();
        // staff may still remove it by hand
        assertThat(tx(() -> storage.invitations().claimRemoval(stuck.id(), RemovalKind.REMOVE, NOW, LEASE))).isPresent();
    }

    @Test
    void expiredClaimsTakeMembersOfEndedMembershipsAndOfDisabledCodes() {
        Team team = newTeam(10);
        RedeemCode ended = newCode(1);
        RedeemCode running = newCode(1);
        RedeemCode disabled = newCode(1);
        RedeemCode neverJoined = newCode(1);
        Invitation endedMember = joined(ended, team, ALICE);
        Invitation runningMember = joined(running, team, BOB);
        Invitation disabledInvite = invited(disabled, team, CAROL, NOW);
        Invitation pending = invited(neverJoined, team, DAVE, NOW);
        activate(ended, NOW.minus(Duration.ofDays(30)));
        activate(running, NOW.minus(Duration.ofDays(29)));
        txRun(() -> storage.codes().setActive(disabled.id(), false));

        List<RemovalClaim> claims = tx(() -> storage.invitations().claimExpired(10, NOW, LEASE));

        assertThat(ids(claims)).containsExactlyInAnyOrder(endedMember.id(), disabledInvite.id());
        assertThat(claims).allSatisfy(c -> assertThat(c.kind()).isEqualTo(RemovalKind.EXPIRE));
        assertThat(claims.stream().filter(c -> c.invitation().id().equals(disabledInvite.id())).findFirst().orElseThrow().from())
                .isEqualTo(INVITED);
        assertThat(reload(runningMember).state()).isEqualTo(JOINED);
        assertThat(reload(pending).state()).isEqualTo(INVITED);
        assertThat(tx(() -> storage.invitations().claimExpired(10, NOW, LEASE))).isEmpty();
        assertThat(ids(tx(() -> storage.invitations().claimExpired(10, NOW.plus(Duration.ofDays(1)), LEASE))))
                .containsExactly(runningMember.id());
    }

    @Test
    void aCodeEnabledAgainNoLongerExpiresItsMembers() {
        Team team = newTeam(10);
        RedeemCode code = newCode(1);
        Invitation member = joined(code, team, ALICE);
        txRun(() -> storage.codes().setActive(code.id(), false));
        txRun(() -> storage.codes().setActive(code.id(), true));

        assertThat(tx(() -> storage.invitations().claimExpired(10, NOW, LEASE))).isEmpty();
        assertThat(reload(member).state()).isEqualTo(JOINED);
    }

    @Test
    void dueRemovalsAreClaimsWhoseLeaseOrBackoffEnded() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = joined(code, team, ALICE);
        Invitation b = joined(code, team, BOB);
        tx(() -> storage.invitations().claimRemoval(a.id(), RemovalKind.REMOVE, NOW, LEASE));
        tx(() -> storage.invitations().claimRemoval(b.id(), RemovalKind.EXPIRE, NOW, LEASE));

        assertThat(tx(() -> storage.invitations().claimDueRemovals(10, NOW.plus(LEASE).minusSeconds(1), LEASE))).isEmpty();
        List<RemovalClaim> due = tx(() -> storage.invitations().claimDueRemovals(10, NOW.plus(LEASE), LEASE));
        assertThat(ids(due)).containsExactly(a.id(), b.id());
        assertThat(due.get(0).kind()).isEqualTo(RemovalKind.REMOVE);
        assertThat(due.get(1).kind()).isEqualTo(RemovalKind.EXPIRE);
        assertThat(due).allSatisfy(c -> assertThat(c.from()).isEqualTo(JOINED));
        // taken again only after the new lease
        assertThat(tx(() -> storage.invitations().claimDueRemovals(10, NOW.plus(LEASE), LEASE))).isEmpty();

        Instant retryAt = NOW.plus(LEASE).plusSeconds(30);
        txRun(() -> storage.invitations().scheduleRemovalRetry(a.id(), retryAt, "TRANSIENT: timeout"));
        List<RemovalClaim> retried = tx(() -> storage.invitations().claimDueRemovals(10, retryAt, LEASE));
        assertThat(ids(retried)).containsExactly(a.id());
        assertThat(retried.get(0).failedAttempts()).isEqualTo(1);

        move(a, REMOVING, REMOVED, "done");
        assertThat(tx(() -> storage.invitations().claimDueRemovals(10, NOW.plus(Duration.ofDays(1)), LEASE)).stream()
                .map(c -> c.invitation().id())).containsExactly(b.id());
    }

    @Test
    void aRebindIsClaimedOnceTheNewInvitationIsSentAndReleasedWhenItFailed() {
        RedeemCode moving = newCode(1);
        RedeemCode failing = newCode(1);
        Team blue = newTeam(10);
        Team red = newTeam(10);
        Invitation member = joined(moving, blue, ALICE);
        Invitation other = joined(failing, blue, BOB);
        Invitation rebind = tx(() -> storage.invitations().create(new NewInvitation(moving.id(), moving.owner(), Optional.of(red.id()),
                ALICE, RESERVED, true, false, NOW)));
        Invitation failed = tx(() -> storage.invitations().create(new NewInvitation(failing.id(), failing.owner(), Optional.of(red.id()),
                BOB, RESERVED, true, false, NOW)));
        assertThat(tx(() -> storage.invitations().markRebinding(member.id(), rebind.id()))).isTrue();
        assertThat(tx(() -> storage.invitations().markRebinding(member.id(), rebind.id()))).isFalse();
        assertThat(tx(() -> storage.invitations().markRebinding(other.id(), failed.id()))).isTrue();

        // while moving, a distributor removal or timeout cannot claim the member; nothing is due yet
        assertThat(tx(() -> storage.invitations().claimRemoval(member.id(), RemovalKind.REMOVE, NOW, LEASE))).isEmpty();
        assertThat(tx(() -> storage.invitations().claimRebound(10, NOW, LEASE))).isEmpty();
        assertThat(tx(() -> storage.invitations().releaseFailedRebinds(10))).isEmpty();

        move(rebind, RESERVED, INVITED, null);
        move(failed, RESERVED, FAILED, "REJECTED");

        List<RemovalClaim> claims = tx(() -> storage.invitations().claimRebound(10, NOW, LEASE));
        assertThat(ids(claims)).containsExactly(member.id());
        assertThat(claims.get(0).kind()).isEqualTo(RemovalKind.REBIND);
        assertThat(claims.get(0).rebindTo()).contains(rebind.id());
        List<Invitation> released = tx(() -> storage.invitations().releaseFailedRebinds(10));
        assertThat(released.stream().map(Invitation::id)).containsExactly(other.id());
        assertThat(tx(() -> storage.invitations().releaseFailedRebinds(10))).isEmpty();
        assertThat(reload(other).state()).isEqualTo(JOINED);
        assertThat(tx(() -> storage.invitations().markRebinding(other.id(), failed.id()))).as("may try again").isTrue();
    }

    @Test
    void anOpenRebindInvitationMakesTheEmailAlreadyAMemberForOtherCodes() {
        RedeemCode code = newCode(1);
        RedeemCode other = newCode(1);
        Team blue = newTeam(10);
        Team red = newTeam(10);
        Invitation member = joined(code, blue, ALICE);
        Invitation rebind = tx(() -> storage.invitations().create(new NewInvitation(code.id(), code.owner(), Optional.of(red.id()),
                ALICE, RESERVED, true, false, NOW)));
        assertThat(storage.invitations().findOpenForOtherCode(ALICE, other.id()).map(Invitation::id)).contains(member.id());

        tx(() -> storage.invitations().claimRemoval(member.id(), RemovalKind.EXPIRE, NOW, LEASE));
        move(member, REMOVING, REBOUND, "moved");

        assertThat(storage.invitations().findOpenForOtherCode(ALICE, other.id()).map(Invitation::id)).contains(rebind.id());
        assertThat(storage.invitations().findOpenForOtherCode(ALICE, code.id())).isEmpty();
    }

    @Test
    void openOfEmailShowsTheMemberAndItsRebindInvitationNewestFirst() {
        RedeemCode code = newCode(1);
        Team blue = newTeam(10);
        Team red = newTeam(10);
        Invitation member = joined(code, blue, ALICE);
        Invitation rebind = tx(() -> storage.invitations().create(new NewInvitation(code.id(), code.owner(), Optional.of(red.id()),
                ALICE, RESERVED, true, false, NOW)));

        assertThat(storage.invitations().openOfEmail(ALICE)).extracting(Invitation::id).containsExactly(rebind.id(), member.id());

        tx(() -> storage.invitations().claimRemoval(member.id(), RemovalKind.EXPIRE, NOW, LEASE));
        move(member, REMOVING, REBOUND, "moved");
        assertThat(storage.invitations().openOfEmail(ALICE)).extracting(Invitation::id).containsExactly(rebind.id());
    }

    @Test
    void moveUseCarriesTheUseToTheRebindInvitationOnce() {
        RedeemCode code = newCode(1);
        Team blue = newTeam(10);
        Team red = newTeam(10);
        txRun(() -> storage.codes().takeUse(code.id()));
        Invitation member = joined(code, blue, ALICE);
        Invitation rebind = tx(() -> storage.invitations().create(new NewInvitation(code.id(), code.owner(), Optional.of(red.id()),
                ALICE, RESERVED, true, false, NOW)));

        assertThat(tx(() -> storage.codes().moveUse(member.id(), rebind.id()))).isTrue();
        assertThat(tx(() -> storage.codes().moveUse(member.id(), rebind.id()))).isFalse();
        assertThat(reload(code).usedCount()).isEqualTo(1);
        assertThat(tx(() -> storage.codes().giveUseBack(member.id()))).as("the old one holds nothing now").isFalse();
        assertThat(tx(() -> storage.codes().giveUseBack(rebind.id()))).isTrue();
        assertThat(reload(code).usedCount()).isZero();
        assertThat(tx(() -> storage.codes().giveUseBack(rebind.id()))).isFalse();
    }

    @Test
    void rebindCountsAreTakenWhileLeftAndGivenBackNeverBelowZero() {
        RedeemCode code = newCode(new CodeTerms(Optional.empty(), 1, 30, Optional.empty(), Optional.empty(), 2, Optional.empty()));
        assertThat(tx(() -> storage.codes().takeRebind(code.id()))).isTrue();
        assertThat(tx(() -> storage.codes().takeRebind(code.id()))).isTrue();
        assertThat(tx(() -> storage.codes().takeRebind(code.id()))).isFalse();
        assertThat(reload(code).rebindCount()).isEqualTo(2);
        txRun(() -> storage.codes().giveRebindBack(code.id()));
        txRun(() -> storage.codes().giveRebindBack(code.id()));
        txRun(() -> storage.codes().giveRebindBack(code.id()));
        assertThat(reload(code).rebindCount()).isZero();
    }

    @Test
    void reserveSeatElsewhereNeverPicksTheExcludedTeam() {
        TeamGroupId group = tx(() -> storage.teams().createGroup("g"));
        Team first = newTeam(5, Optional.of(group));
        Team second = newTeam(1, Optional.of(group));
        newTeam(5);

        assertThat(storage.teams().reserveSeatElsewhere(Optional.of(group), AllocationPolicy.FILL_FIRST, first.id())
                .orElseThrow().teamId()).isEqualTo(second.id());
        assertThat(storage.teams().reserveSeatElsewhere(Optional.of(group), AllocationPolicy.FILL_FIRST, first.id())).isEmpty();
        assertThat(reload(second).seatsReserved()).isEqualTo(1);
        assertThat(reload(first).seatsReserved()).isZero();
    }

    @Test
    void claimsKeepTheStatisticsOfActiveMembersExact() {
        User owner = newDistributor();
        RedeemCode code = newCode(new CodeTerms(Optional.of(owner.id()), 1, 30, Optional.empty(), Optional.empty(), 1, Optional.empty()));
        Team team = newTeam(5);
        Invitation member = joined(code, team, ALICE);
        assertThat(storage.statistics().summary(owner.id(), NOW, io.invitehub.domain.shared.Money.ofMinor(100, io.invitehub.domain.shared.Money.CNY))
                .membersActive()).isEqualTo(1);
        tx(() -> storage.invitations().claimRemoval(member.id(), RemovalKind.REMOVE, NOW, LEASE));
        assertThat(storage.statistics().summary(owner.id(), NOW, io.invitehub.domain.shared.Money.ofMinor(100, io.invitehub.domain.shared.Money.CNY))
                .membersActive()).isZero();
        tx(() -> storage.invitations().abandonRemoval(member.id(), NOW, "502", false));
        assertThat(storage.statistics().summary(owner.id(), NOW, io.invitehub.domain.shared.Money.ofMinor(100, io.invitehub.domain.shared.Money.CNY))
                .membersActive()).isEqualTo(1);
        tx(() -> storage.invitations().claimRemoval(member.id(), RemovalKind.REMOVE, NOW, LEASE));
        move(member, REMOVING, REMOVED, "removed");
        var summary = storage.statistics().summary(owner.id(), NOW, io.invitehub.domain.shared.Money.ofMinor(100, io.invitehub.domain.shared.Money.CNY));
        assertThat(summary.membersActive()).isZero();
        assertThat(summary.membersRemoved()).isEqualTo(1);
    }
}

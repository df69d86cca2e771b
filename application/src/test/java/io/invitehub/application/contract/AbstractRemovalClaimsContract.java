package io.invitehub.application.contract;

import io.invitehub.application.membership.port.out.RemovalClaim;
import io.invitehub.application.membership.view.RemovalFailure;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.RemovalKind;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.invitehub.application.contract.InvitationChanges.change;
import static io.invitehub.domain.invitation.InvitationState.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of {@link io.invitehub.application.membership.port.out.RemovalClaims} (removal claims, timeout and
 * expiry selection, resumption, ADR 11), for the fake and every adapter.
 */
public abstract class AbstractRemovalClaimsContract extends StorageContractSupport {
    private static final Duration LEASE = Duration.ofMinutes(2);

    private static final Email DAVE = Email.of("dave@host.com");

    private Invitation invited(RedeemCode code, Team team, Email email, Instant at) {
        Invitation inv = reserved(code, team, email);
        return tx(() -> storage.invitations().apply(change(inv.id(), RESERVED, INVITED, at, null))).orElseThrow();
    }

    private Invitation joined(RedeemCode code, Team team, Email email) {
        Invitation inv = invited(code, team, email, NOW);
        return move(inv, INVITED, JOINED, null).orElseThrow();
    }

    private List<InvitationId> ids(List<RemovalClaim> claims) {
        return claims.stream().map(c -> c.invitation().id()).toList();
    }

    /** Sets the code's activation (as acceptance sync does): member_expires_at = at + validity_days. */
    protected abstract void activate(RedeemCode code, Instant at);

    @Test
    void claimRemovalMovesToRemovingRemembersWhereFromAndOnlyOneCallerWins() {
        RedeemCode code = newCode(0);
        Team team = newTeam(5);
        Invitation member = joined(code, team, ALICE);
        Invitation pending = invited(code, team, BOB, NOW);

        RemovalClaim claim = tx(() -> storage.removalClaims().claimRemoval(member.id(), RemovalKind.REMOVE, NOW, LEASE)).orElseThrow();
        assertThat(claim.invitation().state()).isEqualTo(REMOVING);
        assertThat(claim.from()).isEqualTo(JOINED);
        assertThat(claim.kind()).isEqualTo(RemovalKind.REMOVE);
        assertThat(claim.failedAttempts()).isZero();
        assertThat(claim.rebindTo()).isEmpty();
        assertThat(tx(() -> storage.removalClaims().claimRemoval(member.id(), RemovalKind.REMOVE, NOW, LEASE))).isEmpty();

        assertThat(tx(() -> storage.removalClaims().claimRemoval(pending.id(), RemovalKind.REMOVE, NOW, LEASE)).orElseThrow().from())
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

        assertThat(tx(() -> storage.removalClaims().claimRemoval(reserved.id(), RemovalKind.REMOVE, NOW, LEASE))).isEmpty();
        assertThat(tx(() -> storage.removalClaims().claimRemoval(member.id(), RemovalKind.TIMEOUT, NOW, LEASE))).isEmpty();
        assertThat(reload(reserved).state()).isEqualTo(RESERVED);
        assertThat(reload(member).state()).isEqualTo(JOINED);
    }

    @Test
    void abandonReturnsToTheStateItCameFromAndMayFlagTheFailure() {
        RedeemCode code = newCode(0);
        Team team = newTeam(5);
        Invitation member = joined(code, team, ALICE);
        Invitation pending = invited(code, team, BOB, NOW);
        tx(() -> storage.removalClaims().claimRemoval(member.id(), RemovalKind.EXPIRE, NOW, LEASE));
        tx(() -> storage.removalClaims().claimRemoval(pending.id(), RemovalKind.REMOVE, NOW, LEASE));

        Invitation back = tx(() -> storage.removalClaims().abandonRemoval(member.id(), NOW, "TRANSIENT: down", true)).orElseThrow();
        assertThat(back.state()).isEqualTo(JOINED);
        assertThat(back.acceptedAt()).isEqualTo(member.acceptedAt());
        assertThat(back.endedAt()).isEmpty();
        assertThat(tx(() -> storage.removalClaims().abandonRemoval(member.id(), NOW, "again", true))).isEmpty();
        assertThat(tx(() -> storage.removalClaims().abandonRemoval(pending.id(), NOW, "502", false)).orElseThrow().state())
                .isEqualTo(INVITED);

        List<RemovalFailure> failures = storage.removalClaims().removalFailures(Optional.empty(), 10);
        assertThat(failures).hasSize(1);
        RemovalFailure failure = failures.get(0);
        assertThat(failure.id()).isEqualTo(member.id());
        assertThat(failure.state()).isEqualTo(JOINED);
        assertThat(failure.kind()).contains(RemovalKind.EXPIRE);
        assertThat(failure.error()).contains("TRANSIENT: down");
        assertThat(failure.teamName()).contains(team.name());
        assertThat(storage.removalClaims().removalFailures(Optional.of(member.id()), 10)).isEmpty();
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

        List<RemovalClaim> first = tx(() -> storage.removalClaims().claimUnaccepted(cutOff, 1, NOW, LEASE));
        assertThat(ids(first)).containsExactly(older.id());
        assertThat(first.get(0).kind()).isEqualTo(RemovalKind.TIMEOUT);
        assertThat(first.get(0).from()).isEqualTo(INVITED);
        assertThat(ids(tx(() -> storage.removalClaims().claimUnaccepted(cutOff, 10, NOW, LEASE)))).containsExactly(old.id());
        assertThat(tx(() -> storage.removalClaims().claimUnaccepted(cutOff, 10, NOW, LEASE))).isEmpty();
        assertThat(reload(joined).state()).isEqualTo(JOINED);
    }

    @Test
    void flaggedFailuresAreLeftOutOfTimeoutAndExpiry() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation stuck = invited(code, team, ALICE, NOW.minus(Duration.ofDays(30)));
        tx(() -> storage.removalClaims().claimUnaccepted(NOW, 10, NOW, LEASE));
        tx(() -> storage.removalClaims().abandonRemoval(stuck.id(), NOW, "REJECTED", true));
        txRun(() -> storage.codes().setActive(code.id(), false));

        assertThat(tx(() -> storage.removalClaims().claimUnaccepted(NOW, 10, NOW, LEASE))).isEmpty();
        assertThat(tx(() -> storage.removalClaims().claimExpired(10, NOW, LEASE))).isEmpty();
        // staff may still remove it by hand
        assertThat(tx(() -> storage.removalClaims().claimRemoval(stuck.id(), RemovalKind.REMOVE, NOW, LEASE))).isPresent();
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

        List<RemovalClaim> claims = tx(() -> storage.removalClaims().claimExpired(10, NOW, LEASE));

        assertThat(ids(claims)).containsExactlyInAnyOrder(endedMember.id(), disabledInvite.id());
        assertThat(claims).allSatisfy(c -> assertThat(c.kind()).isEqualTo(RemovalKind.EXPIRE));
        assertThat(claims.stream().filter(c -> c.invitation().id().equals(disabledInvite.id())).findFirst().orElseThrow().from())
                .isEqualTo(INVITED);
        assertThat(reload(runningMember).state()).isEqualTo(JOINED);
        assertThat(reload(pending).state()).isEqualTo(INVITED);
        assertThat(tx(() -> storage.removalClaims().claimExpired(10, NOW, LEASE))).isEmpty();
        assertThat(ids(tx(() -> storage.removalClaims().claimExpired(10, NOW.plus(Duration.ofDays(1)), LEASE))))
                .containsExactly(runningMember.id());
    }

    @Test
    void aCodeEnabledAgainNoLongerExpiresItsMembers() {
        Team team = newTeam(10);
        RedeemCode code = newCode(1);
        Invitation member = joined(code, team, ALICE);
        txRun(() -> storage.codes().setActive(code.id(), false));
        txRun(() -> storage.codes().setActive(code.id(), true));

        assertThat(tx(() -> storage.removalClaims().claimExpired(10, NOW, LEASE))).isEmpty();
        assertThat(reload(member).state()).isEqualTo(JOINED);
    }

    @Test
    void dueRemovalsAreClaimsWhoseLeaseOrBackoffEnded() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = joined(code, team, ALICE);
        Invitation b = joined(code, team, BOB);
        tx(() -> storage.removalClaims().claimRemoval(a.id(), RemovalKind.REMOVE, NOW, LEASE));
        tx(() -> storage.removalClaims().claimRemoval(b.id(), RemovalKind.EXPIRE, NOW, LEASE));

        assertThat(tx(() -> storage.removalClaims().claimDueRemovals(10, NOW.plus(LEASE).minusSeconds(1), LEASE))).isEmpty();
        List<RemovalClaim> due = tx(() -> storage.removalClaims().claimDueRemovals(10, NOW.plus(LEASE), LEASE));
        assertThat(ids(due)).containsExactly(a.id(), b.id());
        assertThat(due.get(0).kind()).isEqualTo(RemovalKind.REMOVE);
        assertThat(due.get(1).kind()).isEqualTo(RemovalKind.EXPIRE);
        assertThat(due).allSatisfy(c -> assertThat(c.from()).isEqualTo(JOINED));
        // taken again only after the new lease
        assertThat(tx(() -> storage.removalClaims().claimDueRemovals(10, NOW.plus(LEASE), LEASE))).isEmpty();

        Instant retryAt = NOW.plus(LEASE).plusSeconds(30);
        txRun(() -> storage.removalClaims().scheduleRemovalRetry(a.id(), retryAt, "TRANSIENT: timeout"));
        List<RemovalClaim> retried = tx(() -> storage.removalClaims().claimDueRemovals(10, retryAt, LEASE));
        assertThat(ids(retried)).containsExactly(a.id());
        assertThat(retried.get(0).failedAttempts()).isEqualTo(1);

        move(a, REMOVING, REMOVED, "done");
        assertThat(tx(() -> storage.removalClaims().claimDueRemovals(10, NOW.plus(Duration.ofDays(1)), LEASE)).stream()
                .map(c -> c.invitation().id())).containsExactly(b.id());
    }

    @Test
    void claimsKeepTheStatisticsOfActiveMembersExact() {
        User owner = newDistributor();
        RedeemCode code = newCode(new CodeTerms(Optional.of(owner.id()), 1, 30, Optional.empty(), Optional.empty(), 1, Optional.empty()));
        Team team = newTeam(5);
        Invitation member = joined(code, team, ALICE);
        assertThat(storage.statistics().summary(owner.id(), NOW, io.invitehub.domain.shared.Money.ofMinor(100, io.invitehub.domain.shared.Money.CNY))
                .membersActive()).isEqualTo(1);
        tx(() -> storage.removalClaims().claimRemoval(member.id(), RemovalKind.REMOVE, NOW, LEASE));
        assertThat(storage.statistics().summary(owner.id(), NOW, io.invitehub.domain.shared.Money.ofMinor(100, io.invitehub.domain.shared.Money.CNY))
                .membersActive()).isZero();
        tx(() -> storage.removalClaims().abandonRemoval(member.id(), NOW, "502", false));
        assertThat(storage.statistics().summary(owner.id(), NOW, io.invitehub.domain.shared.Money.ofMinor(100, io.invitehub.domain.shared.Money.CNY))
                .membersActive()).isEqualTo(1);
        tx(() -> storage.removalClaims().claimRemoval(member.id(), RemovalKind.REMOVE, NOW, LEASE));
        move(member, REMOVING, REMOVED, "removed");
        var summary = storage.statistics().summary(owner.id(), NOW, io.invitehub.domain.shared.Money.ofMinor(100, io.invitehub.domain.shared.Money.CNY));
        assertThat(summary.membersActive()).isZero();
        assertThat(summary.membersRemoved()).isEqualTo(1);
    }
}

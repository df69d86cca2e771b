package io.invitehub.application.contract;

import io.invitehub.application.dispatch.port.out.DispatchClaim;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.team.Team;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.invitehub.application.contract.InvitationChanges.change;
import static io.invitehub.domain.invitation.InvitationState.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The contract of {@link io.invitehub.application.dispatch.port.out.DispatchOutbox} (claims, fencing, retries), for the fake and every adapter. */
public abstract class AbstractDispatchOutboxContract extends StorageContractSupport {
    private static final Duration LEASE = Duration.ofMinutes(2);

    private static List<InvitationId> ids(List<Invitation> invitations) {
        return invitations.stream().map(Invitation::id).toList();
    }

    @Test
    void claimForDispatchTakesDueReservedInvitationsOldestFirstUpToTheLimit() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        Invitation b = reserved(code, team, BOB);
        Invitation c = reserved(code, team, CAROL);
        waiting(code, io.invitehub.domain.shared.Email.of("dave@host.com"));

        List<Invitation> firstClaim = tx(() -> storage.dispatchOutbox().claimForDispatch(2, NOW, LEASE).invitations());
        assertThat(ids(firstClaim)).containsExactly(a.id(), b.id());
        assertThat(firstClaim).allSatisfy(i -> assertThat(i.state()).isEqualTo(RESERVED));

        assertThat(ids(tx(() -> storage.dispatchOutbox().claimForDispatch(10, NOW, LEASE).invitations()))).containsExactly(c.id());
        assertThat(tx(() -> storage.dispatchOutbox().claimForDispatch(10, NOW, LEASE).invitations())).isEmpty();
        assertThat(tx(() -> storage.dispatchOutbox().claimForDispatch(10, NOW.plus(LEASE).minusNanos(1000), LEASE).invitations())).isEmpty();
    }

    @Test
    void claimedInvitationsAreDueAgainWhenTheLeaseEnds() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        Invitation b = reserved(code, team, BOB);
        tx(() -> storage.dispatchOutbox().claimForDispatch(10, NOW, LEASE).invitations());

        List<Invitation> again = tx(() -> storage.dispatchOutbox().claimForDispatch(10, NOW.plus(LEASE), LEASE).invitations());

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

        assertThat(tx(() -> storage.dispatchOutbox().claimForDispatch(10, NOW, LEASE).invitations())).isEmpty();
    }

    @Test
    void scheduleRetryCountsTheAttemptAndDelaysTheNextClaim() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        Instant retryAt = NOW.plusSeconds(4);
        UUID claim = tx(() -> storage.dispatchOutbox().claimForDispatch(10, NOW, LEASE)).token();

        assertThat(tx(() -> storage.dispatchOutbox().scheduleRetry(a.id(), claim, retryAt, "TRANSIENT: timeout"))).isTrue();

        Invitation retried = reload(a);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).contains("TRANSIENT: timeout");
        assertThat(retried.state()).isEqualTo(RESERVED);
        assertThat(tx(() -> storage.dispatchOutbox().claimForDispatch(10, retryAt.minusNanos(1000), LEASE).invitations())).isEmpty();
        DispatchClaim second = tx(() -> storage.dispatchOutbox().claimForDispatch(10, retryAt, LEASE));
        List<Invitation> due = second.invitations();
        assertThat(ids(due)).containsExactly(a.id());
        assertThat(due.get(0).attempts()).isEqualTo(1);
        assertThat(second.token()).isNotEqualTo(claim);

        txRun(() -> storage.dispatchOutbox().scheduleRetry(a.id(), second.token(), retryAt.plusSeconds(8), "RATE_LIMITED: slow down"));
        assertThat(reload(a).attempts()).isEqualTo(2);
        assertThat(reload(a).lastError()).contains("RATE_LIMITED: slow down");
    }

    @Test
    void claimOrdersByDueTimeFirstDueFirstOutThenById() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        Invitation b = reserved(code, team, BOB);
        UUID claim = tx(() -> storage.dispatchOutbox().claimForDispatch(10, NOW, LEASE)).token();
        txRun(() -> storage.dispatchOutbox().scheduleRetry(a.id(), claim, NOW.minusSeconds(5), "TRANSIENT"));
        txRun(() -> storage.dispatchOutbox().scheduleRetry(b.id(), claim, NOW.minusSeconds(10), "TRANSIENT"));
        Invitation c = reserved(code, team, CAROL);

        List<Invitation> claimed = tx(() -> storage.dispatchOutbox().claimForDispatch(10, NOW, LEASE).invitations());

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
        UUID stale = tx(() -> storage.dispatchOutbox().claimForDispatch(10, NOW, LEASE)).token();
        // the first worker stalls past its lease; a second worker claims the row again
        DispatchClaim again = tx(() -> storage.dispatchOutbox().claimForDispatch(10, NOW.plus(LEASE), LEASE));
        assertThat(ids(again.invitations())).containsExactly(a.id());
        assertThat(again.token()).isNotEqualTo(stale);

        assertThat(tx(() -> storage.dispatchOutbox().applyClaimed(change(a.id(), RESERVED, FAILED, NOW.plus(LEASE), "stale"), stale))).isEmpty();
        assertThat(tx(() -> storage.dispatchOutbox().scheduleRetry(a.id(), stale, NOW.plus(LEASE.multipliedBy(5)), "stale"))).isFalse();
        Invitation untouched = reload(a);
        assertThat(untouched.state()).isEqualTo(RESERVED);
        assertThat(untouched.attempts()).isZero();
        assertThat(untouched.lastError()).isEmpty();
        // the stale retry did not move the newer claim's lease: the row is due when that lease ends
        DispatchClaim third = tx(() -> storage.dispatchOutbox().claimForDispatch(10, NOW.plus(LEASE.multipliedBy(2)), LEASE));
        assertThat(ids(third.invitations())).containsExactly(a.id());

        assertThat(tx(() -> storage.dispatchOutbox().applyClaimed(change(a.id(), RESERVED, INVITED, NOW, null), again.token()))).isEmpty();
        assertThat(tx(() -> storage.dispatchOutbox().applyClaimed(change(a.id(), RESERVED, INVITED, NOW.plus(LEASE.multipliedBy(2)), null), third.token())))
                .map(Invitation::state).contains(INVITED);
        assertThat(tx(() -> storage.dispatchOutbox().applyClaimed(change(a.id(), RESERVED, FAILED, NOW, "late"), third.token()))).isEmpty();
        assertThat(reload(a).state()).isEqualTo(INVITED);
    }

    @Test
    void theCurrentClaimRecordsItsOutcome() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        Invitation b = reserved(code, team, BOB);
        UUID claim = tx(() -> storage.dispatchOutbox().claimForDispatch(10, NOW, LEASE)).token();

        Invitation invited = tx(() -> storage.dispatchOutbox().applyClaimed(change(a.id(), RESERVED, INVITED, NOW.plusSeconds(1), null), claim))
                .orElseThrow();
        Invitation failed = tx(() -> storage.dispatchOutbox().applyClaimed(change(b.id(), RESERVED, FAILED, NOW.plusSeconds(2), "REJECTED: no"), claim))
                .orElseThrow();

        assertThat(invited.invitedAt()).contains(NOW.plusSeconds(1));
        assertThat(failed.endReason()).contains("REJECTED: no");
        assertThat(failed.endedAt()).contains(NOW.plusSeconds(2));
        assertThat(tx(() -> storage.dispatchOutbox().applyClaimed(change(a.id(), RESERVED, FAILED, NOW, "again"), claim))).isEmpty();
    }

    @Test
    void anUnclaimedInvitationTakesNoClaimedOutcome() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        Invitation b = reserved(code, team, BOB);
        UUID otherClaim = tx(() -> storage.dispatchOutbox().claimForDispatch(1, NOW, LEASE)).token(); // claims a only
        move(a, RESERVED, CANCELLED, "admin");

        assertThat(tx(() -> storage.dispatchOutbox().applyClaimed(change(b.id(), RESERVED, INVITED, NOW, null), otherClaim))).isEmpty();
        assertThat(tx(() -> storage.dispatchOutbox().scheduleRetry(b.id(), otherClaim, NOW, "x"))).isFalse();
        assertThat(reload(b).state()).isEqualTo(RESERVED);
        assertThat(reload(b).attempts()).isZero();
    }

    @Test
    void aProviderCallsOutcomesAreRecordedTogetherOnlyWhereTheClaimStillHolds() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        Invitation b = reserved(code, team, BOB);
        Invitation c = reserved(code, team, CAROL);
        UUID claim = tx(() -> storage.dispatchOutbox().claimForDispatch(10, NOW, LEASE)).token();
        move(b, RESERVED, CANCELLED, "admin");

        List<Invitation> invited = tx(() -> storage.dispatchOutbox().applyClaimed(List.of(
                change(a.id(), RESERVED, INVITED, NOW.plusSeconds(1), null),
                change(b.id(), RESERVED, INVITED, NOW.plusSeconds(1), null),
                change(c.id(), RESERVED, INVITED, NOW.plusSeconds(1), null)), claim));

        assertThat(ids(invited)).containsExactly(a.id(), c.id());
        assertThat(invited).allSatisfy(i -> {
            assertThat(i.state()).isEqualTo(INVITED);
            assertThat(i.invitedAt()).contains(NOW.plusSeconds(1));
        });
        assertThat(reload(b).state()).isEqualTo(CANCELLED);
        assertThat(tx(() -> storage.dispatchOutbox().applyClaimed(List.of(
                change(a.id(), RESERVED, INVITED, NOW, null), change(c.id(), RESERVED, INVITED, NOW, null)), claim))).isEmpty();
        assertThat(reload(a).invitedAt()).contains(NOW.plusSeconds(1));
    }

    @Test
    void aStaleClaimRecordsNoneOfItsCallsOutcomes() {
        RedeemCode code = newCode(0);
        Team team = newTeam(10);
        Invitation a = reserved(code, team, ALICE);
        Invitation b = reserved(code, team, BOB);
        UUID stale = tx(() -> storage.dispatchOutbox().claimForDispatch(10, NOW, LEASE)).token();
        tx(() -> storage.dispatchOutbox().claimForDispatch(10, NOW.plus(LEASE), LEASE));

        assertThat(tx(() -> storage.dispatchOutbox().applyClaimed(List.of(
                change(a.id(), RESERVED, INVITED, NOW, null), change(b.id(), RESERVED, INVITED, NOW, null)), stale))).isEmpty();
        assertThat(reload(a).state()).isEqualTo(RESERVED);
        assertThat(reload(b).state()).isEqualTo(RESERVED);
    }
}

package io.invitehub.application.membership.service;

import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.membership.view.RemovalFailure;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.RemovalKind;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.Team;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.invitehub.domain.invitation.InvitationState.*;
import static org.assertj.core.api.Assertions.assertThat;

class MemberLifecycleServiceTest {
    private static final Email ALICE = Email.of("alice@host.com");
    private static final Email BOB = Email.of("bob@host.com");
    private final LifecycleWorld w = new LifecycleWorld();
    private final Team team = w.f.team("Alpha", 5);

    @Test
    void anInviteUnacceptedForTheTimeoutIsCancelledWithSeatAndUseGivenBack() {
        RedeemCode old = w.code(w.distributor, 1);
        Invitation stale = w.invited(old, ALICE);
        w.f.clock.advance(Duration.ofDays(5));
        RedeemCode recent = w.code(w.distributor, 1);
        Invitation fresh = w.invited(recent, BOB);
        w.f.clock.advance(Duration.ofDays(2));

        assertThat(w.jobs.cancelUnaccepted()).isEqualTo(1);

        Invitation cancelled = w.reload(stale);
        assertThat(cancelled.state()).isEqualTo(CANCELLED);
        assertThat(cancelled.endReason()).contains("invite not accepted within 7 days");
        assertThat(w.f.reload(old).usedCount()).isZero();
        assertThat(w.reload(fresh).state()).isEqualTo(INVITED);
        assertThat(w.f.reload(team).seatsReserved()).isEqualTo(1);
        assertThat(w.provider.pendingInvites(team.providerAccountId())).containsExactly(BOB);
        assertThat(w.jobs.cancelUnaccepted()).isZero();
    }

    @Test
    void aMemberWhoseMembershipEndedExpiresWithoutGettingTheUseBack() {
        RedeemCode code = w.code(w.distributor, 1);
        Invitation member = w.joined(code, ALICE);
        w.f.clock.advance(Duration.ofDays(29));
        assertThat(w.jobs.expireMembers()).isZero();
        w.f.clock.advance(Duration.ofDays(1));

        assertThat(w.jobs.expireMembers()).isEqualTo(1);

        Invitation expired = w.reload(member);
        assertThat(expired.state()).isEqualTo(EXPIRED);
        assertThat(expired.endReason()).contains("membership ended");
        assertThat(w.f.reload(code).usedCount()).isEqualTo(1);
        assertThat(w.f.reload(team).seatsReserved()).isZero();
        assertThat(w.provider.memberEmails(team.providerAccountId())).isEmpty();
    }

    @Test
    void membersAndInvitesOfADisabledCodeExpire() {
        RedeemCode code = w.code(w.distributor, 2);
        Invitation invited = w.invited(code, ALICE);
        w.f.storage.disableCode(code.id());

        assertThat(w.jobs.expireMembers()).isEqualTo(1);

        assertThat(w.reload(invited).state()).isEqualTo(EXPIRED);
        assertThat(w.reload(invited).endReason()).contains("code disabled");
        assertThat(w.provider.pendingInvites(team.providerAccountId())).isEmpty();
    }

    @Test
    void aFailingProviderIsRetriedWithBackoffAndTheLastFailureEndsVisibleInThePreviousState() {
        RedeemCode code = w.code(w.distributor, 1);
        Invitation member = w.joined(code, ALICE);
        w.f.clock.advance(Duration.ofDays(30));
        w.provider.failRemovalsAlways(new TeamProviderException(ProviderError.TRANSIENT, "503"));

        assertThat(w.jobs.expireMembers()).isEqualTo(1);
        assertThat(w.reload(member).state()).isEqualTo(REMOVING);
        assertThat(w.jobs.resumeRemovals()).as("not due before the backoff").isZero();
        w.f.clock.advance(Duration.ofSeconds(10));
        assertThat(w.jobs.resumeRemovals()).isEqualTo(1);
        assertThat(w.reload(member).state()).isEqualTo(REMOVING);
        w.f.clock.advance(Duration.ofSeconds(19));
        assertThat(w.jobs.resumeRemovals()).as("the second wait is twice as long").isZero();
        w.f.clock.advance(Duration.ofSeconds(1));
        assertThat(w.jobs.resumeRemovals()).isEqualTo(1);

        Invitation back = w.reload(member);
        assertThat(back.state()).isEqualTo(JOINED);
        List<RemovalFailure> failures = w.removal.removalFailures(Optional.empty(), 10);
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).error().orElseThrow()).contains("EXPIRE failed after 3 attempt(s): TRANSIENT: 503");
        assertThat(failures.get(0).kind()).contains(RemovalKind.EXPIRE);
        assertThat(w.provider.removals()).hasSize(3);
        assertThat(w.f.reload(team).seatsReserved()).isEqualTo(1);

        // flagged: the job leaves it alone; staff can retry by hand once the provider is back
        w.f.clock.advance(Duration.ofHours(1));
        assertThat(w.jobs.expireMembers()).isZero();
        assertThat(w.jobs.resumeRemovals()).isZero();
        w.provider.failRemovalsAlways(null);
        w.removal.removeByStaff(Fixture.STAFF, member.id(), Optional.of("retry"));
        assertThat(w.reload(member).state()).isEqualTo(REMOVED);
    }

    @Test
    void aRefusalThatRetryingCannotFixEndsVisibleAtOnce() {
        RedeemCode code = w.code(w.distributor, 1);
        Invitation stale = w.invited(code, ALICE);
        w.f.clock.advance(Duration.ofDays(8));
        w.provider.failRemovals(new TeamProviderException(ProviderError.REJECTED, "not an admin"));

        assertThat(w.jobs.cancelUnaccepted()).isEqualTo(1);

        assertThat(w.reload(stale).state()).isEqualTo(INVITED);
        assertThat(w.removal.removalFailures(Optional.empty(), 10)).extracting(RemovalFailure::id).containsExactly(stale.id());
        assertThat(w.jobs.cancelUnaccepted()).isZero();
        assertThat(w.f.reload(code).usedCount()).isEqualTo(1);
    }

    @Test
    void aClaimWhoseProcessDiedIsFinishedAfterTheLease() {
        RedeemCode code = w.code(w.distributor, 1);
        Invitation stale = w.invited(code, ALICE);
        w.f.clock.advance(Duration.ofDays(8));
        // the claim commits, then the process dies before the provider call
        w.f.storage.transactions().inTransaction(() -> w.f.storage.invitations()
                .claimUnaccepted(w.f.clock.instant(), 10, w.f.clock.instant(), LifecycleWorld.SETTINGS.lease()));
        assertThat(w.jobs.resumeRemovals()).isZero();
        w.f.clock.advance(LifecycleWorld.SETTINGS.lease());

        assertThat(w.jobs.resumeRemovals()).isEqualTo(1);

        assertThat(w.reload(stale).state()).isEqualTo(CANCELLED);
        assertThat(w.f.reload(code).usedCount()).isZero();
        assertThat(w.f.reload(team).seatsReserved()).isZero();
    }
}

package io.invitehub.application.membership.service;

import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.membership.port.in.RebindCommand;
import io.invitehub.application.membership.port.in.RemoveMemberCommand;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.application.shared.port.out.WakeUps.Work;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.invitehub.domain.invitation.InvitationState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every path that releases a seat (distributor and staff removal, unaccepted timeout, expiry, rebind
 * settlement) wakes the waiting-queue promoter once per released seat, after its commit (ADR 14):
 * the listener sees no open transaction and the seat already free. Paths that release nothing wake nobody.
 */
class SeatReleaseWakeUpTest {
    private static final Email ALICE = Email.of("alice@host.com");
    private static final Email BOB = Email.of("bob@host.com");
    private final LifecycleWorld w = new LifecycleWorld();
    private final TeamGroupId group = w.f.group("G");
    private final Team team = w.f.team("Alpha", 5, Optional.of(group));
    private final Team other = w.f.team("Beta", 5, Optional.of(group));
    /** What the signaller had committed when it signalled SEAT_PROMOTION: "inside a transaction? seats of Alpha". */
    private final List<String> atSignal = new ArrayList<>();

    @BeforeEach
    void listen() {
        w.wakeUps.whenSignalled(work -> {
            if (work == Work.SEAT_PROMOTION) {
                atSignal.add(w.f.storage.insideTransaction() + " " + w.f.reload(team).seatsReserved());
            }
        });
    }

    private long promotions() {
        return w.wakeUps.count(Work.SEAT_PROMOTION);
    }

    @Test
    void aDistributorRemovalWakesThePromoterAfterTheSeatIsReleasedAndCommitted() {
        RedeemCode code = w.code(w.distributor, 1, Optional.of(group));
        w.joined(code, ALICE);
        assertThat(promotions()).isZero();

        w.removal.remove(new RemoveMemberCommand(w.distributor.id(), ALICE, team.id(), Optional.empty()));

        assertThat(atSignal).containsExactly("false 0");
        // the same removal again gives nothing back and releases nothing: no second wake-up
        w.removal.remove(new RemoveMemberCommand(w.distributor.id(), ALICE, team.id(), Optional.empty()));
        assertThat(promotions()).isEqualTo(1);
    }

    @Test
    void aStaffRemovalWakesThePromoterOnce() {
        RedeemCode code = w.code(w.distributor, 1, Optional.of(group));
        Invitation invited = w.invited(code, ALICE);

        w.removal.removeByStaff(Fixture.STAFF, invited.id(), Optional.of("abuse"));

        assertThat(atSignal).containsExactly("false 0");
    }

    @Test
    void aRemovalThatTheProviderRefusesReleasesNothingAndWakesNobody() {
        RedeemCode code = w.code(w.distributor, 1, Optional.of(group));
        w.joined(code, ALICE);
        w.provider.failRemovals(new TeamProviderException(ProviderError.TRANSIENT, "503"));

        assertThatThrownBy(() -> w.removal.remove(new RemoveMemberCommand(w.distributor.id(), ALICE, team.id(), Optional.empty())))
                .isInstanceOf(DomainException.class);

        assertThat(promotions()).isZero();
        assertThat(w.f.reload(team).seatsReserved()).isEqualTo(1);
    }

    @Test
    void anUnacceptedTimeoutWakesThePromoterOncePerCancelledInvitation() {
        w.invited(w.code(w.distributor, 1, Optional.of(group)), ALICE);
        w.invited(w.code(w.distributor, 1, Optional.of(group)), BOB);
        w.f.clock.advance(Duration.ofDays(8));

        assertThat(w.jobs.cancelUnaccepted()).isEqualTo(2);

        assertThat(atSignal).containsExactly("false 1", "false 0");
    }

    @Test
    void expiryWakesThePromoterAndARetriedFailureDoesNotUntilItEnds() {
        RedeemCode code = w.code(w.distributor, 1, Optional.of(group));
        Invitation member = w.joined(code, ALICE);
        w.f.clock.advance(Duration.ofDays(30));
        w.provider.failRemovals(new TeamProviderException(ProviderError.TRANSIENT, "503"));

        assertThat(w.jobs.expireMembers()).isEqualTo(1);
        assertThat(w.reload(member).state()).isEqualTo(REMOVING);
        assertThat(promotions()).as("the seat is still held while the removal is retried").isZero();

        w.f.clock.advance(Duration.ofSeconds(10));
        assertThat(w.jobs.resumeRemovals()).isEqualTo(1);

        assertThat(w.reload(member).state()).isEqualTo(EXPIRED);
        assertThat(atSignal).containsExactly("false 0");
    }

    @Test
    void settlingARebindWakesThePromoterForTheOldSeat() {
        RedeemCode code = w.code(w.distributor, 1, Optional.of(group));
        Invitation member = w.joined(code, ALICE);
        assertThat(member.teamId()).contains(team.id());
        w.rebind.rebind(new RebindCommand(code.code(), ALICE, "10.0.0.9"));
        w.dispatcher.dispatchBatch();
        assertThat(promotions()).isZero();

        assertThat(w.jobs.settleRebinds()).isEqualTo(1);

        assertThat(w.reload(member).state()).isEqualTo(REBOUND);
        assertThat(atSignal).containsExactly("false 0");
        assertThat(w.f.reload(other).seatsReserved()).isEqualTo(1);
    }
}

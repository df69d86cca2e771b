package io.invitehub.application.contract;

import io.invitehub.application.shared.port.out.NewInvitation;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.team.Team;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.invitehub.application.contract.InvitationChanges.promotion;
import static io.invitehub.domain.invitation.InvitationState.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The contract of {@link io.invitehub.application.queue.port.out.WaitingQueue} (one queue per team group, ADR 14), for the fake and every adapter. */
public abstract class AbstractWaitingQueueContract extends StorageContractSupport {
    private static final Duration LEASE = Duration.ofMinutes(2);

    private static List<InvitationId> ids(List<Invitation> invitations) {
        return invitations.stream().map(Invitation::id).toList();
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
        assertThat(storage.waitingQueue().waitingQueues()).contains(Optional.of(gold));
        assertThat(storage.waitingQueue().waitingQueues()).contains(Optional.empty());
        assertThat(storage.waitingQueue().waitingQueues()).containsExactly(Optional.empty(), Optional.of(gold));

        move(g1, WAITING, CANCELLED, "admin");
        assertThat(storage.invitations().queuePosition(g2.id())).contains(1L);
        assertThat(storage.invitations().queuePosition(p2.id())).contains(2L);
        move(p1, WAITING, CANCELLED, "admin");
        move(p2, WAITING, CANCELLED, "admin");
        assertThat(storage.waitingQueue().waitingQueues()).doesNotContain(Optional.empty());
        assertThat(storage.waitingQueue().waitingQueues()).containsExactly(Optional.of(gold));
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

        assertThat(ids(tx(() -> storage.waitingQueue().claimWaiting(Optional.empty(), 2)))).containsExactly(p1.id(), p2.id());
        assertThat(ids(tx(() -> storage.waitingQueue().claimWaiting(Optional.empty(), 10)))).containsExactly(p1.id(), p2.id(), p3.id());
        assertThat(tx(() -> storage.waitingQueue().claimWaiting(Optional.of(gold), 10))).extracting(Invitation::email).containsExactly(BOB);
        assertThat(storage.waitingQueue().waitingQueues()).isEqualTo(List.of(Optional.empty(), Optional.of(gold)));
    }

    @Test
    void promoteMovesAWaitingInvitationIntoATeamAndTheOutbox() {
        RedeemCode code = newCode(0);
        Team team = newTeam(5);
        Invitation first = waiting(code, ALICE);
        Invitation second = waiting(code, BOB);
        Instant later = NOW.plusSeconds(30);

        Invitation promoted = tx(() -> storage.waitingQueue().promote(promotion(first.id(), team.id(), later))).orElseThrow();

        assertThat(promoted.state()).isEqualTo(RESERVED);
        assertThat(promoted.teamId()).contains(team.id());
        assertThat(reload(first)).usingRecursiveComparison().isEqualTo(promoted);
        assertThat(storage.invitations().queuePosition(second.id())).contains(1L);
        assertThat(storage.invitations().seatHolders(team.id())).extracting(Invitation::id).containsExactly(first.id());
        assertThat(tx(() -> storage.dispatchOutbox().claimForDispatch(10, later.minusNanos(1000), LEASE).invitations())).isEmpty();
        assertThat(ids(tx(() -> storage.dispatchOutbox().claimForDispatch(10, later, LEASE).invitations()))).containsExactly(first.id());
        // only once
        assertThat(tx(() -> storage.waitingQueue().promote(promotion(first.id(), team.id(), later)))).isEmpty();
    }

    @Test
    void promoteRefusesAnInvitationThatLeftTheQueue() {
        RedeemCode code = newCode(0);
        Team team = newTeam(5);
        Invitation gone = waiting(code, ALICE);
        move(gone, WAITING, CANCELLED, "admin");

        assertThat(tx(() -> storage.waitingQueue().promote(promotion(gone.id(), team.id(), NOW)))).isEmpty();
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

        assertThat(tx(() -> storage.waitingQueue().promote(promotion(rebind.id(), team.id(), NOW)))).isEmpty();
        assertThat(reload(rebind).state()).isEqualTo(WAITING);
    }
}

package io.invitehub.application.contract;

import io.invitehub.application.shared.port.out.ProviderMember;
import io.invitehub.application.shared.port.out.SeatReservation;
import io.invitehub.application.shared.view.SeatSummary;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.invitehub.domain.invitation.InvitationState.*;
import static io.invitehub.domain.team.AllocationPolicy.FILL_FIRST;
import static io.invitehub.domain.team.AllocationPolicy.SPREAD;
import static org.assertj.core.api.Assertions.assertThat;

/** The contract of {@link io.invitehub.application.shared.port.out.Seats} (seat counters, allocation policies), for the fake and every adapter. */
public abstract class AbstractSeatsContract extends StorageContractSupport {
    private Optional<SeatReservation> reserve(Optional<TeamGroupId> group, AllocationPolicy policy) {
        return tx(() -> storage.seats().reserveSeat(group, policy));
    }

    private Optional<TeamId> reserveTeam(Optional<TeamGroupId> group, AllocationPolicy policy) {
        return reserve(group, policy).map(SeatReservation::teamId);
    }

    // ---- staff changes ---------------------------------------------------------------------------

    private static TeamChanges seats(int maxSeats) {
        return new TeamChanges(Optional.empty(), Optional.of(maxSeats), Optional.empty(), false, Optional.empty());
    }

    // ---- acceptance sync state -------------------------------------------------------------------

    private static ProviderMember member(String email) {
        return new ProviderMember("user-" + email, Email.of(email), "member", NOW.minusSeconds(3600));
    }

    @Test
    void fillFirstTakesTheLowestTeamIdWithRoom() {
        Team first = newTeam(2);
        Team second = newTeam(5);

        SeatReservation seat = reserve(Optional.empty(), FILL_FIRST).orElseThrow();
        assertThat(seat).isEqualTo(new SeatReservation(first.id(), first.name()));
        assertThat(reserveTeam(Optional.empty(), FILL_FIRST)).contains(first.id());
        assertThat(reserveTeam(Optional.empty(), FILL_FIRST)).contains(second.id());

        assertThat(reload(first).seatsReserved()).isEqualTo(2);
        assertThat(reload(second).seatsReserved()).isEqualTo(1);
    }

    @Test
    void spreadTakesTheTeamWithTheMostFreeSeatsTiesToTheLowestId() {
        Team a = newTeam(3);
        Team b = newTeam(4);
        Team c = newTeam(4);

        assertThat(reserveTeam(Optional.empty(), SPREAD)).contains(b.id());   // 3,4,4 free -> b (tie with c, lower id)
        assertThat(reserveTeam(Optional.empty(), SPREAD)).contains(c.id());   // 3,3,4 -> c
        assertThat(reserveTeam(Optional.empty(), SPREAD)).contains(a.id());   // 3,3,3 -> a
        assertThat(reserveTeam(Optional.empty(), SPREAD)).contains(b.id());   // 2,3,3 -> b

        assertThat(reload(a).seatsReserved()).isEqualTo(1);
        assertThat(reload(b).seatsReserved()).isEqualTo(2);
        assertThat(reload(c).seatsReserved()).isEqualTo(1);
    }

    @Test
    void aGroupRestrictedSeatComesOnlyFromTeamsOfThatGroup() {
        TeamGroupId gold = tx(() -> storage.teams().createGroup("gold"));
        TeamGroupId silver = tx(() -> storage.teams().createGroup("silver"));
        newTeam(5);
        Team silverTeam = newTeam(5, Optional.of(silver));
        Team goldTeam = newTeam(1, Optional.of(gold));

        assertThat(reserveTeam(Optional.of(gold), FILL_FIRST)).contains(goldTeam.id());
        assertThat(reserveTeam(Optional.of(gold), FILL_FIRST)).isEmpty();
        assertThat(reserveTeam(Optional.of(gold), SPREAD)).isEmpty();
        assertThat(reserveTeam(Optional.of(silver), SPREAD)).contains(silverTeam.id());
        assertThat(reload(goldTeam).seatsReserved()).isEqualTo(1);
    }

    @Test
    void withoutAGroupAnyActiveTeamQualifiesIncludingGroupedOnes() {
        TeamGroupId gold = tx(() -> storage.teams().createGroup("gold"));
        Team goldTeam = newTeam(2, Optional.of(gold));
        Team plain = newTeam(1);

        assertThat(reserveTeam(Optional.empty(), FILL_FIRST)).contains(goldTeam.id());
        assertThat(reserveTeam(Optional.empty(), FILL_FIRST)).contains(goldTeam.id());
        assertThat(reserveTeam(Optional.empty(), FILL_FIRST)).contains(plain.id());
        assertThat(reserveTeam(Optional.empty(), FILL_FIRST)).isEmpty();
    }

    @Test
    void onlyActiveTeamsGiveSeats() {
        Team paused = newTeam(5);
        Team banned = newTeam(5);
        Team invalid = newTeam(5);
        Team active = newTeam(1);
        txRun(() -> {
            storage.teams().setStatus(paused.id(), TeamStatus.PAUSED);
            storage.teams().setStatus(banned.id(), TeamStatus.BANNED);
            storage.teams().setStatus(invalid.id(), TeamStatus.TOKEN_INVALID);
        });

        assertThat(reserveTeam(Optional.empty(), FILL_FIRST)).contains(active.id());
        assertThat(reserveTeam(Optional.empty(), SPREAD)).isEmpty();
        assertThat(reload(paused).seatsReserved()).isZero();
        assertThat(reload(paused).status()).isEqualTo(TeamStatus.PAUSED);
        assertThat(reload(banned).status()).isEqualTo(TeamStatus.BANNED);
        assertThat(reload(invalid).status()).isEqualTo(TeamStatus.TOKEN_INVALID);
    }

    @Test
    void noSeatWhenThereIsNoTeam() {
        assertThat(reserve(Optional.empty(), FILL_FIRST)).isEmpty();
        assertThat(reserve(Optional.empty(), SPREAD)).isEmpty();
    }

    @Test
    void releaseSeatGivesOneSeatBackNeverBelowZero() {
        Team team = newTeam(2);
        reserve(Optional.empty(), FILL_FIRST);
        reserve(Optional.empty(), FILL_FIRST);
        assertThat(reserve(Optional.empty(), FILL_FIRST)).isEmpty();

        txRun(() -> storage.seats().releaseSeat(team.id()));
        assertThat(reload(team).seatsReserved()).isEqualTo(1);
        assertThat(reserveTeam(Optional.empty(), FILL_FIRST)).contains(team.id());

        txRun(() -> storage.seats().releaseSeat(team.id()));
        txRun(() -> storage.seats().releaseSeat(team.id()));
        txRun(() -> storage.seats().releaseSeat(team.id()));
        assertThat(reload(team).seatsReserved()).isZero();
    }

    @Test
    void seatSummaryCountsActiveTeamsAndWaitingInvitations() {
        Team a = newTeam(3);
        Team b = newTeam(2);
        Team paused = newTeam(10);
        txRun(() -> storage.teams().setStatus(paused.id(), TeamStatus.PAUSED));
        reserve(Optional.empty(), FILL_FIRST);
        reserve(Optional.empty(), FILL_FIRST);
        reserve(Optional.empty(), FILL_FIRST);
        reserve(Optional.empty(), FILL_FIRST);
        RedeemCode code = newCode(0);
        waiting(code, ALICE);
        waiting(code, BOB);
        Team c = newTeam(4);

        SeatSummary summary = storage.seats().seatSummary();

        assertThat(reload(a).seatsReserved()).isEqualTo(3);
        assertThat(reload(b).seatsReserved()).isEqualTo(1);
        assertThat(reload(c).seatsReserved()).isZero();
        assertThat(summary).isEqualTo(new SeatSummary(3, 9, 4, 5, 2));
    }

    @Test
    void reserveSeatUnlessQueuedSeatsOnlyWhileNobodyWaitsInThatQueue() {
        TeamGroupId gold = tx(() -> storage.teams().createGroup("gold"));
        Team plain = newTeam(5);
        Team golden = newTeam(5, Optional.of(gold));
        assertThat(tx(() -> storage.seats().reserveSeatUnlessQueued(Optional.empty(), FILL_FIRST)).map(SeatReservation::teamId))
                .contains(plain.id());

        waiting(newCode(0), ALICE);
        assertThat(tx(() -> storage.seats().reserveSeatUnlessQueued(Optional.empty(), FILL_FIRST)))
                .as("the ungrouped queue has a waiter").isEmpty();
        assertThat(tx(() -> storage.seats().reserveSeatUnlessQueued(Optional.of(gold), FILL_FIRST)).map(SeatReservation::teamId))
                .as("the gold queue is empty").contains(golden.id());
        waiting(newCode(groupTerms(0, gold)), BOB);
        assertThat(tx(() -> storage.seats().reserveSeatUnlessQueued(Optional.of(gold), SPREAD))).isEmpty();

        assertThat(reload(plain).seatsReserved()).isEqualTo(1);
        assertThat(reload(golden).seatsReserved()).isEqualTo(1);
    }

    @Test
    void reserveSeatUnlessQueuedIsEmptyWithoutRoomAndNeverOverfills() {
        Team team = newTeam(2);
        assertThat(tx(() -> storage.seats().reserveSeatUnlessQueued(Optional.empty(), SPREAD))).isPresent();
        assertThat(tx(() -> storage.seats().reserveSeatUnlessQueued(Optional.empty(), FILL_FIRST))).isPresent();
        assertThat(tx(() -> storage.seats().reserveSeatUnlessQueued(Optional.empty(), FILL_FIRST))).isEmpty();
        assertThat(reload(team).seatsReserved()).isEqualTo(2);
    }

    @Test
    void seatSummaryOfNothingIsZero() {
        assertThat(storage.seats().seatSummary()).isEqualTo(new SeatSummary(0, 0, 0, 0, 0));
    }

    @Test
    void externalSeatsTakeRoomFromAllocation() {
        Team team = newTeam(2);
        txRun(() -> storage.syncSchedule().recordSync(team.id(), List.of(member("owner@host.com")), NOW, NOW.plusSeconds(60)));

        assertThat(reserveTeam(Optional.empty(), FILL_FIRST)).contains(team.id());
        assertThat(reserveTeam(Optional.empty(), FILL_FIRST)).isEmpty();
        assertThat(storage.seats().seatSummary()).isEqualTo(new SeatSummary(1, 2, 2, 0, 0));
    }

    @Test
    void reserveSeatElsewhereNeverPicksTheExcludedTeam() {
        TeamGroupId group = tx(() -> storage.teams().createGroup("g"));
        Team first = newTeam(5, Optional.of(group));
        Team second = newTeam(1, Optional.of(group));
        newTeam(5);

        assertThat(storage.seats().reserveSeatElsewhere(Optional.of(group), AllocationPolicy.FILL_FIRST, first.id())
                .orElseThrow().teamId()).isEqualTo(second.id());
        assertThat(storage.seats().reserveSeatElsewhere(Optional.of(group), AllocationPolicy.FILL_FIRST, first.id())).isEmpty();
        assertThat(reload(second).seatsReserved()).isEqualTo(1);
        assertThat(reload(first).seatsReserved()).isZero();
    }
}

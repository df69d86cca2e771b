package io.invitehub.application.contract;

import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.application.shared.port.out.ProviderMember;
import io.invitehub.application.shared.port.out.SeatReservation;
import io.invitehub.application.shared.port.out.Teams;
import io.invitehub.application.shared.view.ExternalMember;
import io.invitehub.application.shared.view.SeatSummary;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamAccount;
import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.invitehub.domain.team.AllocationPolicy.FILL_FIRST;
import static io.invitehub.domain.team.AllocationPolicy.SPREAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link io.invitehub.application.shared.port.out.Teams}, for the fake and every adapter. */
public abstract class AbstractTeamsContract extends StorageContractSupport {
    private static final TeamId UNKNOWN = new TeamId(987_654_321L);

    @Override
    protected abstract StoragePorts newStorage();

    private Optional<SeatReservation> reserve(Optional<TeamGroupId> group, AllocationPolicy policy) {
        return tx(() -> storage.teams().reserveSeat(group, policy));
    }

    private Optional<TeamId> reserveTeam(Optional<TeamGroupId> group, AllocationPolicy policy) {
        return reserve(group, policy).map(SeatReservation::teamId);
    }

    @Test
    void createReturnsAnActiveTeamWithZeroCounters() {
        TeamGroupId group = tx(() -> storage.teams().createGroup("gold"));

        Team team = tx(() -> storage.teams().create(new NewTeam("Blue", "acc-blue", "secret-blue", 5, Optional.of(group))));

        assertThat(team.name()).isEqualTo("Blue");
        assertThat(team.providerAccountId()).isEqualTo("acc-blue");
        assertThat(team.maxSeats()).isEqualTo(5);
        assertThat(team.seatsReserved()).isZero();
        assertThat(team.externalSeats()).isZero();
        assertThat(team.group()).contains(group);
        assertThat(team.status()).isEqualTo(TeamStatus.ACTIVE);
        assertThat(team.createdAt()).isNotNull();
        Team found = reload(team);
        assertThat(found.name()).isEqualTo("Blue");
        assertThat(found.maxSeats()).isEqualTo(5);
        assertThat(found.group()).contains(group);
        assertThat(found.status()).isEqualTo(TeamStatus.ACTIVE);
        assertThat(storage.teams().listAll()).extracting(Team::id).containsExactly(team.id());
    }

    @Test
    void groupsExistOnceCreated() {
        TeamGroupId gold = tx(() -> storage.teams().createGroup("gold"));
        TeamGroupId silver = tx(() -> storage.teams().createGroup("silver"));

        assertThat(gold).isNotEqualTo(silver);
        assertThat(storage.teams().groupExists(gold)).isTrue();
        assertThat(storage.teams().groupExists(silver)).isTrue();
        assertThat(storage.teams().groupExists(new TeamGroupId(987_654_321L))).isFalse();
    }

    @Test
    void unknownTeamsAreNotFound() {
        assertThat(storage.teams().findById(UNKNOWN)).isEmpty();
        assertThat(storage.teams().account(UNKNOWN)).isEmpty();
        assertThat(storage.teams().listAll()).isEmpty();
    }

    @Test
    void accountCarriesTheCredentialsGivenAtCreation() {
        Team team = tx(() -> storage.teams().create(new NewTeam("Blue", "acc-blue", "secret-blue", 5, Optional.empty())));

        assertThat(storage.teams().account(team.id())).contains(new TeamAccount(team.id(), "acc-blue", "secret-blue"));
    }

    @Test
    void verifiedCredentialsReplaceTheOldOnesAndOnlyATokenInvalidTeamBecomesActive() {
        Team team = tx(() -> storage.teams().create(new NewTeam("Blue", "acc-blue", "old", 5, Optional.empty())));
        Team other = tx(() -> storage.teams().create(new NewTeam("Red", "acc-red", "red", 5, Optional.empty())));
        txRun(() -> storage.teams().setStatus(team.id(), TeamStatus.TOKEN_INVALID));
        txRun(() -> storage.teams().setStatus(other.id(), TeamStatus.TOKEN_INVALID));

        Team stored = tx(() -> storage.teams().storeVerifiedCredentials(team.id(), "new")).orElseThrow();

        assertThat(stored.status()).isEqualTo(TeamStatus.ACTIVE);
        assertThat(storage.teams().findById(team.id()).orElseThrow().status()).isEqualTo(TeamStatus.ACTIVE);
        assertThat(storage.teams().account(team.id())).contains(new TeamAccount(team.id(), "acc-blue", "new"));
        assertThat(storage.teams().findById(other.id()).orElseThrow().status()).isEqualTo(TeamStatus.TOKEN_INVALID);
        assertThat(storage.teams().account(other.id())).contains(new TeamAccount(other.id(), "acc-red", "red"));

        txRun(() -> storage.teams().setStatus(team.id(), TeamStatus.PAUSED));
        assertThat(tx(() -> storage.teams().storeVerifiedCredentials(team.id(), "third")).orElseThrow().status())
                .isEqualTo(TeamStatus.PAUSED);
        assertThat(storage.teams().account(team.id())).contains(new TeamAccount(team.id(), "acc-blue", "third"));
        assertThat(tx(() -> storage.teams().storeVerifiedCredentials(UNKNOWN, "x"))).isEmpty();
    }

    @Test
    void listAllHasEveryTeam() {
        Team a = newTeam(1);
        Team b = newTeam(2);
        tx(() -> {
            storage.teams().setStatus(b.id(), TeamStatus.BANNED);
            return null;
        });
        assertThat(storage.teams().listAll()).extracting(Team::id).containsExactlyInAnyOrder(a.id(), b.id());
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

        txRun(() -> storage.teams().releaseSeat(team.id()));
        assertThat(reload(team).seatsReserved()).isEqualTo(1);
        assertThat(reserveTeam(Optional.empty(), FILL_FIRST)).contains(team.id());

        txRun(() -> storage.teams().releaseSeat(team.id()));
        txRun(() -> storage.teams().releaseSeat(team.id()));
        txRun(() -> storage.teams().releaseSeat(team.id()));
        assertThat(reload(team).seatsReserved()).isZero();
    }

    @Test
    void setStatusChangesOnlyTheStatus() {
        Team team = newTeam(3);
        reserve(Optional.empty(), FILL_FIRST);

        txRun(() -> storage.teams().setStatus(team.id(), TeamStatus.BANNED));

        Team banned = reload(team);
        assertThat(banned.status()).isEqualTo(TeamStatus.BANNED);
        assertThat(banned.seatsReserved()).isEqualTo(1);
        assertThat(banned.maxSeats()).isEqualTo(3);
        txRun(() -> storage.teams().setStatus(team.id(), TeamStatus.ACTIVE));
        assertThat(reload(team).status()).isEqualTo(TeamStatus.ACTIVE);
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

        SeatSummary summary = storage.teams().seatSummary();

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
        assertThat(tx(() -> storage.teams().reserveSeatUnlessQueued(Optional.empty(), FILL_FIRST)).map(SeatReservation::teamId))
                .contains(plain.id());

        waiting(newCode(0), ALICE);
        assertThat(tx(() -> storage.teams().reserveSeatUnlessQueued(Optional.empty(), FILL_FIRST)))
                .as("the ungrouped queue has a waiter").isEmpty();
        assertThat(tx(() -> storage.teams().reserveSeatUnlessQueued(Optional.of(gold), FILL_FIRST)).map(SeatReservation::teamId))
                .as("the gold queue is empty").contains(golden.id());
        waiting(newCode(groupTerms(0, gold)), BOB);
        assertThat(tx(() -> storage.teams().reserveSeatUnlessQueued(Optional.of(gold), SPREAD))).isEmpty();

        assertThat(reload(plain).seatsReserved()).isEqualTo(1);
        assertThat(reload(golden).seatsReserved()).isEqualTo(1);
    }

    @Test
    void reserveSeatUnlessQueuedIsEmptyWithoutRoomAndNeverOverfills() {
        Team team = newTeam(2);
        assertThat(tx(() -> storage.teams().reserveSeatUnlessQueued(Optional.empty(), SPREAD))).isPresent();
        assertThat(tx(() -> storage.teams().reserveSeatUnlessQueued(Optional.empty(), FILL_FIRST))).isPresent();
        assertThat(tx(() -> storage.teams().reserveSeatUnlessQueued(Optional.empty(), FILL_FIRST))).isEmpty();
        assertThat(reload(team).seatsReserved()).isEqualTo(2);
    }

    @Test
    void seatSummaryOfNothingIsZero() {
        assertThat(storage.teams().seatSummary()).isEqualTo(new SeatSummary(0, 0, 0, 0, 0));
    }

    // ---- staff changes ---------------------------------------------------------------------------

    private static TeamChanges seats(int maxSeats) {
        return new TeamChanges(Optional.empty(), Optional.of(maxSeats), Optional.empty(), false, Optional.empty());
    }

    @Test
    void updateChangesOnlyWhatIsGiven() {
        TeamGroupId gold = tx(() -> storage.teams().createGroup("gold"));
        Team team = newTeam(3);
        reserve(Optional.empty(), FILL_FIRST);

        Team renamed = tx(() -> storage.teams().update(team.id(), new TeamChanges(Optional.of("Renamed"), Optional.empty(),
                Optional.empty(), false, Optional.empty()))).orElseThrow();
        assertThat(renamed.name()).isEqualTo("Renamed");
        assertThat(renamed.maxSeats()).isEqualTo(3);
        assertThat(renamed.seatsReserved()).isEqualTo(1);

        Team changed = tx(() -> storage.teams().update(team.id(), new TeamChanges(Optional.empty(), Optional.of(7),
                Optional.of(TeamStatus.PAUSED), true, Optional.of(gold)))).orElseThrow();
        assertThat(changed.name()).isEqualTo("Renamed");
        assertThat(changed.maxSeats()).isEqualTo(7);
        assertThat(changed.status()).isEqualTo(TeamStatus.PAUSED);
        assertThat(changed.group()).contains(gold);
        assertThat(reload(team).maxSeats()).isEqualTo(7);
        assertThat(reload(team).group()).contains(gold);

        Team ungrouped = tx(() -> storage.teams().update(team.id(), new TeamChanges(Optional.empty(), Optional.empty(),
                Optional.of(TeamStatus.ACTIVE), true, Optional.empty()))).orElseThrow();
        assertThat(ungrouped.group()).isEmpty();
        assertThat(ungrouped.status()).isEqualTo(TeamStatus.ACTIVE);
    }

    @Test
    void maxSeatsCannotGoBelowTheSeatsInUse() {
        Team team = newTeam(5);
        reserve(Optional.empty(), FILL_FIRST);
        reserve(Optional.empty(), FILL_FIRST);
        txRun(() -> storage.teams().recordSync(team.id(), List.of(member("owner@host.com")), NOW, NOW.plusSeconds(60)));

        assertThatThrownBy(() -> tx(() -> storage.teams().update(team.id(), seats(2))))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.getMessage()).contains("3 seats in use");
                });
        assertThat(reload(team).maxSeats()).isEqualTo(5);

        assertThat(tx(() -> storage.teams().update(team.id(), seats(3))).map(Team::maxSeats)).contains(3);
        assertThat(reserve(Optional.empty(), FILL_FIRST)).isEmpty();
    }

    @Test
    void updateOfAnUnknownTeamIsEmpty() {
        assertThat(tx(() -> storage.teams().update(UNKNOWN, seats(3)))).isEmpty();
        assertThat(tx(() -> storage.teams().update(UNKNOWN, new TeamChanges(Optional.of("x"), Optional.empty(),
                Optional.empty(), false, Optional.empty())))).isEmpty();
    }

    // ---- acceptance sync state -------------------------------------------------------------------

    private static ProviderMember member(String email) {
        return new ProviderMember("user-" + email, Email.of(email), "member", NOW.minusSeconds(3600));
    }

    @Test
    void aNewTeamIsDueForSyncAtOnceAndNotAfterASuccessUntilTheNextTime() {
        Team a = newTeam(5);
        Team b = newTeam(5);
        Team banned = newTeam(5);
        Team paused = newTeam(5);
        txRun(() -> {
            storage.teams().setStatus(banned.id(), TeamStatus.BANNED);
            storage.teams().setStatus(paused.id(), TeamStatus.PAUSED);
        });
        assertThat(reload(a).sync()).isEqualTo(Team.Sync.NEVER);
        assertThat(storage.teams().dueForSync(NOW, 10)).containsExactly(a.id(), b.id(), paused.id());
        assertThat(storage.teams().dueForSync(NOW, 2)).containsExactly(a.id(), b.id());

        txRun(() -> storage.teams().recordSync(a.id(), List.of(), NOW, NOW.plusSeconds(180)));

        assertThat(storage.teams().dueForSync(NOW.plusSeconds(179), 10)).containsExactly(b.id(), paused.id());
        assertThat(storage.teams().dueForSync(NOW.plusSeconds(180), 10)).containsExactly(b.id(), paused.id(), a.id());
        Team.Sync sync = reload(a).sync();
        assertThat(sync.lastSynced()).contains(NOW);
        assertThat(sync.nextSync()).contains(NOW.plusSeconds(180));
        assertThat(sync.error()).isEmpty();
        assertThat(sync.failures()).isZero();
    }

    @Test
    void recordSyncStoresExactlyTheExternalMembersAndCountsThem() {
        Team team = newTeam(5);
        reserve(Optional.empty(), FILL_FIRST);

        Teams.ExternalSeats first = tx(() -> storage.teams().recordSync(team.id(),
                List.of(member("owner@host.com"), member("admin@host.com")), NOW, NOW.plusSeconds(60)));
        assertThat(first).isEqualTo(new Teams.ExternalSeats(0, 2));
        assertThat(reload(team).externalSeats()).isEqualTo(2);
        assertThat(reload(team).seatsInUse()).isEqualTo(3);
        List<ExternalMember> members = storage.teams().externalMembers(team.id());
        assertThat(members).extracting(ExternalMember::email).containsExactly(Email.of("admin@host.com"), Email.of("owner@host.com"));
        assertThat(members.get(0).providerUserId()).contains("user-admin@host.com");
        assertThat(members.get(0).role()).contains("member");
        assertThat(members.get(0).joinedAt()).contains(NOW.minusSeconds(3600));
        assertThat(members.get(0).firstSeenAt()).isEqualTo(NOW);

        // later: the admin left, someone joined without InviteHub; the owner keeps its first-seen time
        Teams.ExternalSeats second = tx(() -> storage.teams().recordSync(team.id(),
                List.of(member("owner@host.com"), member("stranger@host.com")), NOW.plusSeconds(60), NOW.plusSeconds(120)));
        assertThat(second).isEqualTo(new Teams.ExternalSeats(2, 2));
        assertThat(second.shrank()).isFalse();
        List<ExternalMember> now = storage.teams().externalMembers(team.id());
        assertThat(now).extracting(ExternalMember::email).containsExactly(Email.of("owner@host.com"), Email.of("stranger@host.com"));
        assertThat(now.get(0).firstSeenAt()).isEqualTo(NOW);
        assertThat(now.get(1).firstSeenAt()).isEqualTo(NOW.plusSeconds(60));

        Teams.ExternalSeats third = tx(() -> storage.teams().recordSync(team.id(), List.of(), NOW.plusSeconds(120), NOW.plusSeconds(180)));
        assertThat(third.shrank()).isTrue();
        assertThat(storage.teams().externalMembers(team.id())).isEmpty();
        assertThat(reload(team).externalSeats()).isZero();
        assertThat(storage.teams().externalMembers(UNKNOWN)).isEmpty();
    }

    @Test
    void externalSeatsTakeRoomFromAllocation() {
        Team team = newTeam(2);
        txRun(() -> storage.teams().recordSync(team.id(), List.of(member("owner@host.com")), NOW, NOW.plusSeconds(60)));

        assertThat(reserveTeam(Optional.empty(), FILL_FIRST)).contains(team.id());
        assertThat(reserveTeam(Optional.empty(), FILL_FIRST)).isEmpty();
        assertThat(storage.teams().seatSummary()).isEqualTo(new SeatSummary(1, 2, 2, 0, 0));
    }

    @Test
    void aFailedSyncIsVisibleCountedAndClearedByTheNextSuccess() {
        Team team = newTeam(5);
        txRun(() -> storage.teams().recordSync(team.id(), List.of(member("owner@host.com")), NOW, NOW.plusSeconds(60)));

        txRun(() -> storage.teams().recordSyncFailure(team.id(), "TRANSIENT: timeout", NOW.plusSeconds(75)));
        txRun(() -> storage.teams().recordSyncFailure(team.id(), "RATE_LIMITED: slow down", NOW.plusSeconds(90)));

        Team failing = reload(team);
        assertThat(failing.sync().error()).contains("RATE_LIMITED: slow down");
        assertThat(failing.sync().failures()).isEqualTo(2);
        assertThat(failing.sync().lastSynced()).contains(NOW);
        assertThat(failing.sync().nextSync()).contains(NOW.plusSeconds(90));
        assertThat(failing.externalSeats()).isEqualTo(1);
        assertThat(storage.teams().dueForSync(NOW.plusSeconds(89), 10)).isEmpty();
        assertThat(storage.teams().dueForSync(NOW.plusSeconds(90), 10)).containsExactly(team.id());

        txRun(() -> storage.teams().recordSync(team.id(), List.of(), NOW.plusSeconds(90), NOW.plusSeconds(150)));
        assertThat(reload(team).sync()).isEqualTo(new Team.Sync(NOW.plusSeconds(90), null, 0, NOW.plusSeconds(150)));
    }
}

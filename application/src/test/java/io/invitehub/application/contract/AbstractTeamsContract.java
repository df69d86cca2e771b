package io.invitehub.application.contract;

import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.application.shared.port.out.ProviderMember;
import io.invitehub.application.shared.port.out.SeatReservation;
import io.invitehub.application.shared.port.out.Teams;
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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link io.invitehub.application.shared.port.out.Teams}, for the fake and every adapter. */
public abstract class AbstractTeamsContract extends StorageContractSupport {
    private static final TeamId UNKNOWN = new TeamId(987_654_321L);

    private Optional<SeatReservation> reserve(Optional<TeamGroupId> group, AllocationPolicy policy) {
        return tx(() -> storage.seats().reserveSeat(group, policy));
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
        txRun(() -> storage.syncSchedule().recordSync(team.id(), List.of(member("owner@host.com")), NOW, NOW.plusSeconds(60)));

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
}

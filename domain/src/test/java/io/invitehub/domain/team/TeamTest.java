package io.invitehub.domain.team;

import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TeamTest {

    private static void assertInvalid(String name, String account, int seats, String message) {
        assertThatThrownBy(() -> Team.validateNew(name, account, seats)).isInstanceOf(MalformedInputException.class)
                .hasMessage(message)
                .extracting(e -> ((MalformedInputException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    private static Team team(int max, int reserved, int external) {
        return Team.restore(new TeamId(4), "Blue", "acc-1", max, reserved, external, null, TeamStatus.ACTIVE,
                Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void validateNewReturnsTheStrippedName() {
        assertThat(Team.validateNew("  Blue team ", "acc-1", 5)).isEqualTo("Blue team");
    }

    @Test
    void validateNewRefusesAMissingOrLongName() {
        assertInvalid(null, "acc", 5, "name is required");
        assertInvalid("  ", "acc", 5, "name is required");
        assertInvalid("n".repeat(121), "acc", 5, "name is longer than 120 characters");
        assertThat(Team.validateNew(" " + "n".repeat(120) + " ", "acc", 5)).hasSize(120);
    }

    @Test
    void validateNewRequiresTheProviderAccount() {
        assertInvalid("Blue", null, 5, "provider_account_id is required");
        assertInvalid("Blue", " ", 5, "provider_account_id is required");
    }

    @Test
    void validateNewBoundsMaxSeats() {
        assertInvalid("Blue", "acc", 0, "max_seats must be between 1 and 100000");
        assertInvalid("Blue", "acc", 100_001, "max_seats must be between 1 and 100000");
        assertThat(Team.validateNew("Blue", "acc", 1)).isEqualTo("Blue");
        assertThat(Team.validateNew("Blue", "acc", 100_000)).isEqualTo("Blue");
    }

    @Test
    void seatsInUseCountReservedAndExternal() {
        Team team = team(5, 2, 1);
        assertThat(team.seatsInUse()).isEqualTo(3);
        assertThat(team.freeSeats()).isEqualTo(2);
    }

    @Test
    void freeSeatsNeverGoBelowZero() {
        assertThat(team(5, 3, 2).freeSeats()).isZero();
        assertThat(team(5, 4, 3).freeSeats()).isZero();
        assertThat(team(5, 4, 3).seatsInUse()).isEqualTo(7);
    }

    @Test
    void accountCarriesCredentialsButNeverPrintsThem() {
        TeamAccount account = team(5, 0, 0).account("s3cret-token");

        assertThat(account).isEqualTo(new TeamAccount(new TeamId(4), "acc-1", "s3cret-token"));
        assertThat(account.toString()).isEqualTo("TeamAccount[4, acc-1, credentials=***]").doesNotContain("s3cret");
        assertThat(new TeamAccount(new TeamId(4), "acc-1", null).credentials()).isEmpty();
    }

    @Test
    void toStringShowsTheSeats() {
        assertThat(team(5, 2, 1).toString()).isEqualTo("Team[4, Blue, 3/5, ACTIVE]");
    }

    @Test
    void onlyActiveTeamsAcceptMembers() {
        assertThat(TeamStatus.ACTIVE.acceptsMembers()).isTrue();
        assertThat(TeamStatus.PAUSED.acceptsMembers()).isFalse();
        assertThat(TeamStatus.BANNED.acceptsMembers()).isFalse();
        assertThat(TeamStatus.TOKEN_INVALID.acceptsMembers()).isFalse();
    }

    @Test
    void idsMustBePositive() {
        assertThatThrownBy(() -> new TeamId(0)).isInstanceOf(IllegalArgumentException.class).hasMessage("team id must be positive");
        assertThatThrownBy(() -> new TeamGroupId(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("team group id must be positive");
    }
}

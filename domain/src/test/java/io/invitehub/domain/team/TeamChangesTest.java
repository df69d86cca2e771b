package io.invitehub.domain.team;

import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TeamChangesTest {
    private static final Team TEAM = Team.restore(new TeamId(1), "Blue", "acc", 5, 2, 1, null, TeamStatus.PAUSED, Instant.EPOCH);

    private static TeamChanges of(Optional<String> name, Optional<Integer> seats, Optional<TeamStatus> status) {
        return new TeamChanges(name, seats, status, false, Optional.empty());
    }

    private static void refused(Runnable changes, String message) {
        assertThatThrownBy(changes::run).isInstanceOf(MalformedInputException.class).hasMessage(message)
                .extracting(e -> ((MalformedInputException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void validatesAndTrims() {
        assertThat(of(Optional.of("  Azure "), Optional.empty(), Optional.empty()).name()).contains("Azure");
        refused(() -> of(Optional.empty(), Optional.empty(), Optional.empty()),
                "nothing to change: give at least one of name, max_seats, status, group_id");
        refused(() -> of(Optional.of(" "), Optional.empty(), Optional.empty()), "name is required");
        refused(() -> of(Optional.empty(), Optional.of(0), Optional.empty()), "max_seats must be between 1 and 100000");
        refused(() -> of(Optional.empty(), Optional.of(100_001), Optional.empty()), "max_seats must be between 1 and 100000");
        refused(() -> of(Optional.empty(), Optional.empty(), Optional.of(TeamStatus.BANNED)),
                "status must be ACTIVE or PAUSED (BANNED and TOKEN_INVALID are set from the provider's answers)");
        assertThat(new TeamChanges(Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.empty()).changeGroup()).isTrue();
    }

    @Test
    void knowsWhichChangesMayFreeSeats() {
        assertThat(of(Optional.empty(), Optional.of(6), Optional.empty()).mayFreeSeats(TEAM)).isTrue();
        assertThat(of(Optional.empty(), Optional.of(5), Optional.empty()).mayFreeSeats(TEAM)).isFalse();
        assertThat(of(Optional.empty(), Optional.of(4), Optional.empty()).mayFreeSeats(TEAM)).isFalse();
        assertThat(of(Optional.empty(), Optional.empty(), Optional.of(TeamStatus.ACTIVE)).mayFreeSeats(TEAM)).isTrue();
        assertThat(of(Optional.of("x"), Optional.empty(), Optional.of(TeamStatus.PAUSED)).mayFreeSeats(TEAM)).isFalse();
        assertThat(new TeamChanges(Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.of(new TeamGroupId(3)))
                .mayFreeSeats(TEAM)).isTrue();
        assertThat(new TeamChanges(Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.empty())
                .mayFreeSeats(TEAM)).isFalse();
    }

    @Test
    void describesTheChangesForTheAuditLog() {
        assertThat(new TeamChanges(Optional.of("Azure"), Optional.of(7), Optional.of(TeamStatus.ACTIVE), true, Optional.empty())
                .describe()).isEqualTo("name=Azure, max_seats=7, status=ACTIVE, group_id=none");
    }
}

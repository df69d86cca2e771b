package io.invitehub.domain.code;

import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeTermsTest {

    private static CodeTerms terms(int maxUses, int validityDays, int rebindLimit, Optional<String> note) {
        return new CodeTerms(Optional.of(new UserId(3)), maxUses, validityDays, Optional.of(Instant.parse("2030-01-01T00:00:00Z")),
                Optional.of(new TeamGroupId(2)), rebindLimit, note);
    }

    private static void assertInvalid(Runnable creation, String message) {
        assertThatThrownBy(creation::run).isInstanceOf(MalformedInputException.class).hasMessage(message)
                .extracting(e -> ((MalformedInputException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void keepsValidTerms() {
        CodeTerms terms = terms(0, 30, 1, Optional.of("  batch 7  "));

        assertThat(terms.maxUses()).isZero();
        assertThat(terms.validityDays()).isEqualTo(30);
        assertThat(terms.owner()).contains(new UserId(3));
        assertThat(terms.group()).contains(new TeamGroupId(2));
        assertThat(terms.rebindLimit()).isEqualTo(1);
        assertThat(terms.note()).contains("batch 7");
        assertThat(CodeTerms.DEFAULT_REBIND_LIMIT).isEqualTo(1);
    }

    @Test
    void blankNoteBecomesEmpty() {
        assertThat(terms(1, 30, 1, Optional.of("   ")).note()).isEmpty();
        assertThat(terms(1, 30, 1, Optional.empty()).note()).isEmpty();
    }

    @Test
    void refusesNegativeMaxUses() {
        assertInvalid(() -> terms(-1, 30, 1, Optional.empty()), "max_uses must be 0 (unlimited) or more");
    }

    @Test
    void validityDaysMustBeBetweenOneAndTheMaximum() {
        assertInvalid(() -> terms(1, 0, 1, Optional.empty()), "validity_days must be between 1 and 3660");
        assertInvalid(() -> terms(1, 3661, 1, Optional.empty()), "validity_days must be between 1 and 3660");
        assertThat(terms(1, 1, 1, Optional.empty()).validityDays()).isEqualTo(1);
        assertThat(terms(1, 3660, 1, Optional.empty()).validityDays()).isEqualTo(3660);
    }

    @Test
    void refusesANegativeRebindLimit() {
        assertInvalid(() -> terms(1, 30, -1, Optional.empty()), "rebind_limit must be 0 or more");
        assertThat(terms(1, 30, 0, Optional.empty()).rebindLimit()).isZero();
    }

    @Test
    void noteIsAtMost500CharactersAfterStripping() {
        assertThat(terms(1, 30, 1, Optional.of(" " + "n".repeat(500) + " ")).note()).contains("n".repeat(500));
        assertInvalid(() -> terms(1, 30, 1, Optional.of("n".repeat(501))), "note is longer than 500 characters");
    }
}

package io.invitehub.domain.code;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CodeStatusTest {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant PAST = NOW.minusSeconds(1);

    @Test
    void precedenceIsDisabledThenExpiredThenDepletedThenActive() {
        assertThat(CodeStatus.of(false, 1, 1, PAST, NOW)).isEqualTo(CodeStatus.DISABLED);
        assertThat(CodeStatus.of(true, 1, 1, PAST, NOW)).isEqualTo(CodeStatus.EXPIRED);
        assertThat(CodeStatus.of(true, 1, 1, null, NOW)).isEqualTo(CodeStatus.DEPLETED);
        assertThat(CodeStatus.of(true, 2, 1, null, NOW)).isEqualTo(CodeStatus.ACTIVE);
    }

    @Test
    void unlimitedCodesNeverDeplete() {
        assertThat(CodeStatus.of(true, 0, 1_000, null, NOW)).isEqualTo(CodeStatus.ACTIVE);
    }

    @Test
    void aCodeIsExpiredOnlyAfterItsLastMoment() {
        assertThat(CodeStatus.of(true, 1, 0, NOW, NOW)).isEqualTo(CodeStatus.ACTIVE);
        assertThat(CodeStatus.of(true, 1, 0, NOW, NOW.plusNanos(1000))).isEqualTo(CodeStatus.EXPIRED);
        assertThat(CodeStatus.EXPIRED.wireName()).isEqualTo("expired");
    }

    @Test
    void theOrderIsWrittenOnceAndEachStatusHasItsOwnTest() {
        assertThat(CodeStatus.precedence()).containsExactly(CodeStatus.DISABLED, CodeStatus.EXPIRED, CodeStatus.DEPLETED,
                CodeStatus.ACTIVE);
        // without the precedence a disabled, expired, used-up code meets every test
        for (CodeStatus status : CodeStatus.values()) {
            assertThat(status.holds(false, 1, 1, PAST, NOW)).as(status.name()).isTrue();
        }
        assertThat(CodeStatus.DISABLED.holds(true, 1, 1, PAST, NOW)).isFalse();
        assertThat(CodeStatus.EXPIRED.holds(true, 1, 1, null, NOW)).isFalse();
        assertThat(CodeStatus.DEPLETED.holds(true, 0, 5, null, NOW)).isFalse();
        assertThat(CodeStatus.ACTIVE.holds(false, 1, 1, PAST, NOW)).isTrue();
    }
}

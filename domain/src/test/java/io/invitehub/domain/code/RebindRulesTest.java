package io.invitehub.domain.code;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RedeemCode#ensureMayRebind}: SPEC section 3, rebind. */
class RebindRulesTest {
    private static final Instant NOW = Instant.parse("2025-03-20T10:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(15);
    private static final Email ALICE = Email.of("alice@host.com");
    private static final Email BOB = Email.of("bob@host.com");

    private static RedeemCode code(Email bound, Instant activatedAt, int rebindCount, int rebindLimit, boolean active) {
        Instant memberEnd = activatedAt == null ? null : activatedAt.plus(Duration.ofDays(30));
        return RedeemCode.restore(new RedeemCodeId(3), Code.compose("HB", "23456789ABC"), null, null, 1, 1, null, 30, bound,
                activatedAt, memberEnd, rebindCount, rebindLimit, active);
    }

    private static void refused(RedeemCode code, Email email, Instant joinedAt, ErrorCode expected) {
        assertThatThrownBy(() -> code.ensureMayRebind(email, joinedAt, NOW, WINDOW))
                .isInstanceOfSatisfying(DomainException.class, e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(expected));
    }

    @Test
    void aBoundActivatedCodeWithinTheWindowAndARebindLeftMayRebind() {
        assertThatCode(() -> code(ALICE, NOW.minus(Duration.ofDays(14)), 0, 1, true).ensureMayRebind(ALICE, NOW, NOW, WINDOW))
                .doesNotThrowAnyException();
    }

    @Test
    void anotherEmailOrAnUnboundCodeIsNotAllowed() {
        refused(code(ALICE, NOW.minus(Duration.ofDays(1)), 0, 1, true), BOB, NOW, ErrorCode.REBIND_NOT_ALLOWED);
        refused(code(null, null, 0, 1, true), ALICE, NOW, ErrorCode.REBIND_NOT_ALLOWED);
    }

    @Test
    void theWindowEndsExactlyWindowAfterActivation() {
        refused(code(ALICE, NOW.minus(WINDOW), 0, 1, true), ALICE, NOW, ErrorCode.REBIND_WINDOW_OVER);
        assertThatCode(() -> code(ALICE, NOW.minus(WINDOW).plusMillis(1), 0, 1, true).ensureMayRebind(ALICE, NOW, NOW, WINDOW))
                .doesNotThrowAnyException();
    }

    @Test
    void withoutActivationOnTheCodeTheJoinTimeCounts() {
        refused(code(ALICE, null, 0, 1, true), ALICE, NOW.minus(Duration.ofDays(16)), ErrorCode.REBIND_WINDOW_OVER);
        assertThatCode(() -> code(ALICE, null, 0, 1, true).ensureMayRebind(ALICE, NOW.minus(Duration.ofDays(2)), NOW, WINDOW))
                .doesNotThrowAnyException();
    }

    @Test
    void theLimitCounts() {
        refused(code(ALICE, NOW.minus(Duration.ofDays(1)), 1, 1, true), ALICE, NOW, ErrorCode.REBIND_LIMIT_REACHED);
        refused(code(ALICE, NOW.minus(Duration.ofDays(1)), 0, 0, true), ALICE, NOW, ErrorCode.REBIND_LIMIT_REACHED);
    }

    @Test
    void aDisabledCodeOrAnEndedMembershipIsRefused() {
        refused(code(ALICE, NOW.minus(Duration.ofDays(1)), 0, 1, false), ALICE, NOW, ErrorCode.CODE_DISABLED);
        refused(code(ALICE, NOW.minus(Duration.ofDays(31)), 0, 1, true), ALICE, NOW, ErrorCode.MEMBER_EXPIRED);
    }
}

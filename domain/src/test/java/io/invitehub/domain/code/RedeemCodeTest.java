package io.invitehub.domain.code;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedeemCodeTest {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Email ALICE = Email.of("alice@host.com");
    private static final Email BOB = Email.of("bob@host.com");
    private static final Code CODE = Code.compose("HB", "23456789ABC");

    /** A small builder so each test states only what matters. */
    private static final class Spec {
        int maxUses = 1;
        int usedCount;
        Instant expiresAt;
        int validityDays = 30;
        Email bound;
        Instant memberExpiresAt;
        boolean active = true;

        RedeemCode build() {
            Instant activatedAt = memberExpiresAt == null ? null : memberExpiresAt.minus(Duration.ofDays(validityDays));
            return RedeemCode.restore(new RedeemCodeId(7), CODE, new UserId(2), new TeamGroupId(4), maxUses, usedCount,
                    expiresAt, validityDays, bound, activatedAt, memberExpiresAt, 0, 1, active);
        }
    }

    private static void assertRefused(RedeemCode code, Email email, ErrorCode expected, String message) {
        assertThatThrownBy(() -> code.ensureAccepts(email, NOW))
                .isInstanceOf(DomainException.class).hasMessage(message)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(expected);
    }

    @Test
    void acceptsAnActiveUnboundCode() {
        assertThatCode(() -> new Spec().build().ensureAccepts(ALICE, NOW)).doesNotThrowAnyException();
        RedeemCode code = new Spec().build();
        assertThat(code.boundEmail()).isEmpty();
        assertThat(code.owner()).contains(new UserId(2));
        assertThat(code.group()).contains(new TeamGroupId(4));
    }

    @Test
    void acceptsACodeBoundToTheSameEmailWhateverItsCase() {
        Spec spec = new Spec();
        spec.bound = ALICE;
        RedeemCode code = spec.build();

        assertThatCode(() -> code.ensureAccepts(Email.of(" Alice@HOST.com "), NOW)).doesNotThrowAnyException();
        assertThat(code.boundEmail()).contains(ALICE);
    }

    @Test
    void refusesADisabledCode() {
        Spec spec = new Spec();
        spec.active = false;
        assertRefused(spec.build(), ALICE, ErrorCode.CODE_DISABLED, "This code has been disabled.");
    }

    @Test
    void refusesAnExpiredCodeButAcceptsItsLastMoment() {
        Spec spec = new Spec();
        spec.expiresAt = NOW.minusMillis(1);
        assertRefused(spec.build(), ALICE, ErrorCode.CODE_EXPIRED, "This code expired on 2025-03-01T09:59:59.999Z.");

        spec.expiresAt = NOW;
        RedeemCode lastMoment = spec.build();
        assertThatCode(() -> lastMoment.ensureAccepts(ALICE, NOW)).doesNotThrowAnyException();
        assertThat(lastMoment.expiresAt()).contains(NOW);
    }

    @Test
    void refusesAnotherEmailWithTheBoundEmailMasked() {
        Spec spec = new Spec();
        spec.bound = ALICE;
        RedeemCode code = spec.build();

        assertThatThrownBy(() -> code.ensureAccepts(BOB, NOW))
                .isInstanceOfSatisfying(EmailMismatchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EMAIL_MISMATCH);
                    assertThat(e.maskedBoundEmail()).isEqualTo("a***e@host.com");
                    assertThat(e.getMessage()).isEqualTo("This code is bound to another e-mail address (a***e@host.com).");
                });
    }

    @Test
    void refusesWhenTheMembershipIsOver() {
        Spec spec = new Spec();
        spec.bound = ALICE;
        spec.memberExpiresAt = NOW;
        assertRefused(spec.build(), ALICE, ErrorCode.MEMBER_EXPIRED, "The membership of this code ended on 2025-03-01T10:00:00Z.");

        spec.memberExpiresAt = NOW.plusSeconds(1);
        RedeemCode stillRunning = spec.build();
        assertThatCode(() -> stillRunning.ensureAccepts(ALICE, NOW)).doesNotThrowAnyException();
    }

    @Test
    void checksInOrderDisabledExpiredEmailMembership() {
        Spec spec = new Spec();
        spec.active = false;
        spec.expiresAt = NOW.minusSeconds(1);
        spec.bound = ALICE;
        spec.memberExpiresAt = NOW.minusSeconds(1);
        assertThatThrownBy(() -> spec.build().ensureAccepts(BOB, NOW))
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.CODE_DISABLED);

        spec.active = true;
        assertThatThrownBy(() -> spec.build().ensureAccepts(BOB, NOW))
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.CODE_EXPIRED);

        spec.expiresAt = null;
        assertThatThrownBy(() -> spec.build().ensureAccepts(BOB, NOW))
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.EMAIL_MISMATCH);

        assertThatThrownBy(() -> spec.build().ensureAccepts(ALICE, NOW))
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.MEMBER_EXPIRED);
    }

    @Test
    void ensureAcceptsRequiresEmailAndTime() {
        RedeemCode code = new Spec().build();
        assertThatThrownBy(() -> code.ensureAccepts(null, NOW)).isInstanceOf(NullPointerException.class).hasMessage("email");
        assertThatThrownBy(() -> code.ensureAccepts(ALICE, null)).isInstanceOf(NullPointerException.class).hasMessage("now");
    }

    @Test
    void usedUpIsTheCodeUsedUpRefusal() {
        DomainException usedUp = RedeemCode.usedUp();
        assertThat(usedUp.code()).isEqualTo(ErrorCode.CODE_USED_UP);
        assertThat(usedUp.getMessage()).isEqualTo("This code has no uses left.");
    }

    @Test
    void hasUseLeftWhileUsedCountIsBelowMaxUses() {
        Spec spec = new Spec();
        spec.maxUses = 3;
        spec.usedCount = 2;
        assertThat(spec.build().hasUseLeft()).isTrue();
        spec.usedCount = 3;
        assertThat(spec.build().hasUseLeft()).isFalse();
        spec.usedCount = 4;
        assertThat(spec.build().hasUseLeft()).isFalse();
    }

    @Test
    void unlimitedCodeAlwaysHasAUseLeft() {
        Spec spec = new Spec();
        spec.maxUses = 0;
        spec.usedCount = 1_000_000;
        assertThat(spec.build().hasUseLeft()).isTrue();
    }

    @Test
    void remainingDaysBeforeActivationIsTheValidity() {
        Spec spec = new Spec();
        spec.validityDays = 30;
        assertThat(spec.build().remainingDays(NOW)).isEqualTo(30);
        assertThat(spec.build().memberExpiresAt()).isEmpty();
    }

    @Test
    void remainingDaysAfterActivationRoundsUp() {
        Spec spec = new Spec();
        spec.memberExpiresAt = NOW.plus(Duration.ofDays(1));
        assertThat(spec.build().remainingDays(NOW)).isEqualTo(1);
        spec.memberExpiresAt = NOW.plus(Duration.ofDays(1)).plusSeconds(1);
        assertThat(spec.build().remainingDays(NOW)).isEqualTo(2);
        spec.memberExpiresAt = NOW.plusSeconds(1);
        assertThat(spec.build().remainingDays(NOW)).isEqualTo(1);
        spec.memberExpiresAt = NOW.plus(Duration.ofDays(29)).plusSeconds(3600);
        assertThat(spec.build().remainingDays(NOW)).isEqualTo(30);
    }

    @Test
    void remainingDaysIsZeroOnceTheMembershipEnded() {
        Spec spec = new Spec();
        spec.memberExpiresAt = NOW;
        assertThat(spec.build().remainingDays(NOW)).isZero();
        spec.memberExpiresAt = NOW.minus(Duration.ofDays(3));
        assertThat(spec.build().remainingDays(NOW)).isZero();
    }

    @Test
    void membershipEndIsFixedOnceActivatedElseCountedFromNow() {
        Spec spec = new Spec();
        spec.validityDays = 30;
        assertThat(spec.build().membershipEnd(NOW)).isEqualTo(Instant.parse("2025-03-31T10:00:00Z"));

        spec.memberExpiresAt = Instant.parse("2025-03-10T00:00:00Z");
        RedeemCode activated = spec.build();
        assertThat(activated.membershipEnd(NOW)).isEqualTo(Instant.parse("2025-03-10T00:00:00Z"));
        assertThat(activated.activatedAt()).contains(Instant.parse("2025-02-08T00:00:00Z"));
    }

    @Test
    void toStringMasksTheCode() {
        assertThat(new Spec().build().toString()).isEqualTo("RedeemCode[7, " + CODE.masked() + ", used 0/1]")
                .doesNotContain(CODE.value());
    }

    @Test
    void idsMustBePositive() {
        assertThatThrownBy(() -> new RedeemCodeId(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("redeem code id must be positive");
        assertThat(new RedeemCodeId(1).value()).isEqualTo(1);
    }
}

package io.invitehub.application.redemption.service;

import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.fakes.InMemoryRateLimiter;
import io.invitehub.application.fakes.RecordingWakeUps;
import io.invitehub.application.recipients.service.RecipientPolicy;
import io.invitehub.application.recipients.service.RecipientSettings;
import io.invitehub.application.recipients.view.BlockKind;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.application.shared.port.out.Invitations;
import io.invitehub.application.shared.port.out.NewInvitation;
import io.invitehub.application.shared.port.out.RateLimiter.Limit;
import io.invitehub.application.shared.port.out.WakeUps.Work;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.EmailMismatchException;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.RateLimitedException;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedeemServiceTest {
    private static final Email ALICE = Email.of("alice@host.com");
    private static final Email BOB = Email.of("bob@host.com");
    private static final Email CAROL = Email.of("carol@host.com");
    /** Generous address and e-mail limits so only the limit under test can bite. */
    private static final RedemptionSettings GENEROUS = new RedemptionSettings(AllocationPolicy.FILL_FIRST,
            new Limit("redeem-address", 1000, Duration.ofMinutes(1)),
            new Limit("redeem-email", 1000, Duration.ofMinutes(1)),
            RedemptionSettings.codeLockout(10, Duration.ofMinutes(15)));

    private final Fixture f = new Fixture();
    private final RecordingWakeUps wakeUps = new RecordingWakeUps();
    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(f.clock);
    private RecipientSettings recipientSettings = new RecipientSettings(1000, Duration.ZERO);

    private RedeemService service(RedemptionSettings settings) {
        return service(settings, f.storage.invitations());
    }

    private RedeemService service(RedemptionSettings settings, Invitations invitations) {
        return new RedeemService(f.storage.transactions(), f.storage.codes(), invitations, f.storage.teams(), limiter,
                wakeUps, f.clock, settings, new RecipientPolicy(f.storage.recipients(), recipientSettings));
    }

    private RedemptionResult redeem(RedeemCode code, Email email) {
        return service(GENEROUS).redeem(new RedeemCommand(code.code(), email, "10.0.0.1"));
    }

    private static void assertRefused(Runnable redemption, ErrorCode code, String message) {
        assertThatThrownBy(redemption::run).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void reservesASeatBindsTheEmailAndWakesTheDispatcher() {
        Team blue = f.team("Blue", 2);
        RedeemCode code = f.code(1);

        RedemptionResult result = redeem(code, ALICE);

        Invitation inv = result.invitation();
        assertThat(inv.state()).isEqualTo(InvitationState.RESERVED);
        assertThat(inv.teamId()).contains(blue.id());
        assertThat(inv.email()).isEqualTo(ALICE);
        assertThat(inv.codeId()).isEqualTo(code.id());
        assertThat(inv.createdAt()).isEqualTo(Fixture.START);
        assertThat(result.teamName()).contains("Blue");
        assertThat(result.queuePosition()).isEmpty();
        assertThat(result.memberExpiresAt()).isEmpty();
        assertThat(result.remainingDays()).isEqualTo(30);
        assertThat(result.repeated()).isFalse();
        assertThat(result.outcome()).isEqualTo(RedemptionResult.Outcome.INVITE_QUEUED);

        assertThat(f.reload(code).usedCount()).isEqualTo(1);
        assertThat(f.reload(code).boundEmail()).contains(ALICE);
        assertThat(f.reload(blue).seatsReserved()).isEqualTo(1);
        assertThat(wakeUps.signals()).containsExactly(Work.INVITE_DISPATCH);
    }

    @Test
    void copiesTheCodeOwnerOntoTheInvitation() {
        f.team("Blue", 2);
        var owner = f.storage.transactions().inTransaction(() -> f.storage.users().create("dist", "dist@host.com", "h",
                io.invitehub.domain.user.Role.DISTRIBUTOR, io.invitehub.domain.user.Approval.APPROVED));
        RedeemCode code = f.code(new CodeTerms(Optional.of(owner.id()), 1, 30, Optional.empty(), Optional.empty(), 1, Optional.empty()));

        assertThat(redeem(code, ALICE).invitation().distributorId()).contains(owner.id());
    }

    @Test
    void waitsInLineWhenNoSeatIsFree() {
        Team full = f.team("Full", 1);
        RedeemCode first = f.code(1);
        redeem(first, CAROL);
        wakeUps.signals();

        RedemptionResult a = redeem(f.code(1), ALICE);
        RedemptionResult b = redeem(f.code(1), BOB);
        RedemptionResult c = redeem(f.code(1), Email.of("dave@host.com"));

        assertThat(List.of(a, b, c)).allSatisfy(r -> {
            assertThat(r.invitation().state()).isEqualTo(InvitationState.WAITING);
            assertThat(r.invitation().teamId()).isEmpty();
            assertThat(r.teamName()).isEmpty();
            assertThat(r.outcome()).isEqualTo(RedemptionResult.Outcome.WAITING_FOR_SEAT);
        });
        assertThat(a.queuePosition()).contains(1L);
        assertThat(b.queuePosition()).contains(2L);
        assertThat(c.queuePosition()).contains(3L);
        assertThat(f.reload(full).seatsReserved()).isEqualTo(1);
        assertThat(wakeUps.count(Work.INVITE_DISPATCH)).isEqualTo(1);
        assertThat(f.storage.teams().seatSummary().waiting()).isEqualTo(3);
    }

    @Test
    void aWaitingInvitationStillTakesTheUseAndBindsTheEmail() {
        RedeemCode code = f.code(1);

        redeem(code, ALICE);

        assertThat(f.reload(code).usedCount()).isEqualTo(1);
        assertThat(f.reload(code).boundEmail()).contains(ALICE);
    }

    @Test
    void redeemingAgainReturnsTheSameInvitationWithoutTakingAnotherUse() {
        Team blue = f.team("Blue", 5);
        RedeemCode code = f.code(3);
        RedemptionResult first = redeem(code, ALICE);

        RedemptionResult again = redeem(code, Email.of(" ALICE@host.com "));

        assertThat(again.invitation().id()).isEqualTo(first.invitation().id());
        assertThat(again.invitation().publicId()).isEqualTo(first.invitation().publicId());
        assertThat(again.repeated()).isTrue();
        assertThat(again.teamName()).contains("Blue");
        assertThat(f.reload(code).usedCount()).isEqualTo(1);
        assertThat(f.reload(blue).seatsReserved()).isEqualTo(1);
        assertThat(wakeUps.count(Work.INVITE_DISPATCH)).isEqualTo(1);
    }

    @Test
    void redeemingAgainWhileWaitingKeepsTheQueuePosition() {
        redeem(f.code(1), BOB);
        RedeemCode code = f.code(1);
        RedemptionResult first = redeem(code, ALICE);

        RedemptionResult again = redeem(code, ALICE);

        assertThat(again.invitation().id()).isEqualTo(first.invitation().id());
        assertThat(again.queuePosition()).contains(2L);
        assertThat(again.repeated()).isTrue();
        assertThat(f.reload(code).usedCount()).isEqualTo(1);
    }

    @Test
    void refusesAnUnknownCodeAndCountsTheFailure() {
        f.team("Blue", 5);
        var unknown = f.nextCode();

        assertRefused(() -> service(GENEROUS).redeem(new RedeemCommand(unknown, ALICE, "10.0.0.1")),
                ErrorCode.INVALID_CODE, "This code does not exist.");
        assertThat(limiter.count(GENEROUS.failuresPerCode(), unknown.value())).isEqualTo(1);
    }

    @Test
    void refusesADisabledCode() {
        Team blue = f.team("Blue", 5);
        RedeemCode code = f.code(1);
        f.storage.disableCode(code.id());

        assertRefused(() -> redeem(code, ALICE), ErrorCode.CODE_DISABLED, "This code has been disabled.");
        assertThat(f.reload(code).usedCount()).isZero();
        assertThat(f.reload(code).boundEmail()).isEmpty();
        assertThat(f.reload(blue).seatsReserved()).isZero();
        assertThat(limiter.count(GENEROUS.failuresPerCode(), code.code().value())).isZero();
    }

    @Test
    void refusesAnExpiredCode() {
        f.team("Blue", 5);
        Instant expired = Fixture.START.minusSeconds(1);
        RedeemCode code = f.code(new CodeTerms(Optional.empty(), 1, 30, Optional.of(expired), Optional.empty(), 1, Optional.empty()));

        assertRefused(() -> redeem(code, ALICE), ErrorCode.CODE_EXPIRED, "This code expired on " + expired + ".");
        assertThat(f.reload(code).usedCount()).isZero();
        assertThat(wakeUps.signals()).isEmpty();
    }

    @Test
    void refusesAnotherEmailWithTheBoundOneMaskedAndKeepsTheUseCount() {
        Team blue = f.team("Blue", 5);
        RedeemCode code = f.code(2);
        redeem(code, ALICE);

        assertThatThrownBy(() -> redeem(code, BOB)).isInstanceOfSatisfying(EmailMismatchException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.EMAIL_MISMATCH);
            assertThat(e.maskedBoundEmail()).isEqualTo("a***e@host.com");
        });
        assertThat(f.reload(code).usedCount()).isEqualTo(1);
        assertThat(f.reload(code).boundEmail()).contains(ALICE);
        assertThat(f.reload(blue).seatsReserved()).isEqualTo(1);
        assertThat(f.storage.invitations().findLatest(code.id(), BOB)).isEmpty();
        assertThat(limiter.count(GENEROUS.failuresPerCode(), code.code().value())).isEqualTo(1);
    }

    @Test
    void aFailureAfterTheUseWasTakenRollsTheWholeRedemptionBack() {
        Team blue = f.team("Blue", 5);
        RedeemCode code = f.code(1);
        IllegalStateException storageDown = new IllegalStateException("storage went away");
        Invitations failingCreate = FailingCreate.of(f.storage.invitations(), storageDown);

        assertThatThrownBy(() -> service(GENEROUS, failingCreate).redeem(new RedeemCommand(code.code(), ALICE, "10.0.0.1")))
                .isSameAs(storageDown);

        assertThat(f.reload(code).usedCount()).isZero();
        assertThat(f.reload(code).boundEmail()).isEmpty();
        assertThat(f.reload(blue).seatsReserved()).isZero();
        assertThat(f.storage.rolledBackTransactions()).isEqualTo(1);
        assertThat(wakeUps.signals()).isEmpty();
    }

    @Test
    void refusesWhenTheMembershipIsOver() {
        f.team("Blue", 5);
        RedeemCode code = f.code(1);
        f.storage.transactions().inTransaction(() -> f.storage.codes().bindEmail(code.id(), ALICE));
        Instant activated = Fixture.START.minus(Duration.ofDays(31));
        f.storage.activateCode(code.id(), activated);

        assertRefused(() -> redeem(code, ALICE), ErrorCode.MEMBER_EXPIRED,
                "The membership of this code ended on " + activated.plus(Duration.ofDays(30)) + ".");
        assertThat(f.reload(code).usedCount()).isZero();
    }

    @Test
    void anActivatedCodeReportsItsMembershipEnd() {
        f.team("Blue", 5);
        RedeemCode code = f.code(2);
        Instant activated = Fixture.START.minus(Duration.ofDays(10));
        f.storage.activateCode(code.id(), activated);

        RedemptionResult result = redeem(code, ALICE);

        assertThat(result.memberExpiresAt()).contains(activated.plus(Duration.ofDays(30)));
        assertThat(result.remainingDays()).isEqualTo(20);
    }

    @Test
    void refusesWhenNoUseIsLeft() {
        Team blue = f.team("Blue", 5);
        RedeemCode code = f.code(1);
        Invitation first = redeem(code, ALICE).invitation();
        f.storage.transactions().inTransaction(() -> f.storage.invitations()
                .transition(first.id(), InvitationState.RESERVED, InvitationState.CANCELLED, f.clock.instant(), "admin"));

        assertRefused(() -> redeem(code, ALICE), ErrorCode.CODE_USED_UP, "This code has no uses left.");
        assertThat(f.reload(code).usedCount()).isEqualTo(1);
        assertThat(f.reload(blue).seatsReserved()).isEqualTo(1);
        assertThat(f.storage.invitations().findLatest(code.id(), ALICE).map(Invitation::id)).contains(first.id());
    }

    @Test
    void refusesAnEmailThatHoldsASeatThroughAnotherCode() {
        Team blue = f.team("Blue", 5);
        redeem(f.code(1), ALICE);
        RedeemCode other = f.code(1);

        assertRefused(() -> redeem(other, ALICE), ErrorCode.ALREADY_MEMBER,
                "This e-mail already holds a seat (or a place in the queue) through another code.");
        assertThat(f.reload(other).usedCount()).isZero();
        assertThat(f.reload(other).boundEmail()).isEmpty();
        assertThat(f.reload(blue).seatsReserved()).isEqualTo(1);
    }

    @Test
    void limitsRedemptionsPerClientAddress() {
        f.team("Blue", 50);
        RedeemService service = service(RedemptionSettings.defaults());
        for (int i = 0; i < 5; i++) {
            service.redeem(new RedeemCommand(f.code(1).code(), Email.of("user" + i + "@host.com"), "10.0.0.9"));
        }
        RedeemCode sixth = f.code(1);

        assertThatThrownBy(() -> service.redeem(new RedeemCommand(sixth.code(), Email.of("user5@host.com"), "10.0.0.9")))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.getMessage()).isEqualTo("Too many redemptions from this address; try again later.");
                    // fixed one-minute windows: the window of 10:00:00.123456 ends at 10:01:00
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(59, 876_544_000));
                });
        assertThat(f.reload(sixth).usedCount()).isZero();

        RedemptionResult otherAddress = service.redeem(new RedeemCommand(sixth.code(), Email.of("user5@host.com"), "10.0.0.10"));
        assertThat(otherAddress.invitation().state()).isEqualTo(InvitationState.RESERVED);
    }

    @Test
    void limitsRedemptionsPerEmail() {
        f.team("Blue", 50);
        RedeemService service = service(RedemptionSettings.defaults());
        RedeemCode code = f.code(1);
        for (int i = 0; i < 5; i++) {
            service.redeem(new RedeemCommand(code.code(), ALICE, "10.0.1." + i));
        }

        assertThatThrownBy(() -> service.redeem(new RedeemCommand(code.code(), ALICE, "10.0.1.99")))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Too many redemptions for this e-mail; try again later.");
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(59, 876_544_000));
                });

        f.clock.advance(Duration.ofMinutes(1));
        assertThat(service.redeem(new RedeemCommand(code.code(), ALICE, "10.0.1.99")).repeated()).isTrue();
    }

    @Test
    void tenFailedAttemptsLockTheCodeEvenForTheRightEmail() {
        f.team("Blue", 5);
        RedeemCode code = f.code(1);
        RedemptionResult first = redeem(code, ALICE);
        for (int i = 0; i < 10; i++) {
            Email guess = Email.of("guess" + i + "@host.com");
            assertThatThrownBy(() -> redeem(code, guess)).isInstanceOf(EmailMismatchException.class);
        }

        assertThatThrownBy(() -> redeem(code, ALICE)).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("Too many failed attempts for this code; try again later.");
            // locked for 15 minutes from the tenth failure (not until the end of a fixed window)
            assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(15));
        });
        assertThat(f.reload(code).usedCount()).isEqualTo(1);

        f.clock.advance(Duration.ofMinutes(14));
        assertThatThrownBy(() -> redeem(code, ALICE)).as("still locked after the 15-minute window the failures fell in")
                .isInstanceOf(RateLimitedException.class);
        f.clock.advance(Duration.ofMinutes(1));
        RedemptionResult later = redeem(code, ALICE);
        assertThat(later.repeated()).isTrue();
        assertThat(later.invitation().id()).isEqualTo(first.invitation().id());
    }

    @Test
    void nineFailedAttemptsDoNotLockTheCode() {
        f.team("Blue", 5);
        RedeemCode code = f.code(1);
        redeem(code, ALICE);
        for (int i = 0; i < 9; i++) {
            Email guess = Email.of("guess" + i + "@host.com");
            assertThatThrownBy(() -> redeem(code, guess)).isInstanceOf(EmailMismatchException.class);
        }

        assertThat(redeem(code, ALICE).repeated()).isTrue();
    }

    @Test
    void aGroupRestrictedCodeSeatsOnlyInItsGroup() {
        TeamGroupId gold = f.group("gold");
        Team plain = f.team("Plain", 5);
        Team goldTeam = f.team("Gold", 1, Optional.of(gold));
        CodeTerms goldTerms = new CodeTerms(Optional.empty(), 1, 30, Optional.empty(), Optional.of(gold), 1, Optional.empty());

        RedemptionResult seated = redeem(f.code(goldTerms), ALICE);
        RedemptionResult queued = redeem(f.code(goldTerms), BOB);
        RedemptionResult anyTeam = redeem(f.code(1), CAROL);

        assertThat(seated.invitation().teamId()).contains(goldTeam.id());
        assertThat(seated.teamName()).contains("Gold");
        assertThat(queued.invitation().state()).isEqualTo(InvitationState.WAITING);
        assertThat(queued.queuePosition()).contains(1L);
        assertThat(anyTeam.invitation().teamId()).contains(plain.id());
        assertThat(f.reload(plain).seatsReserved()).isEqualTo(1);
        assertThat(f.reload(goldTeam).seatsReserved()).isEqualTo(1);
    }

    @Test
    void spreadPolicySeatsInTheEmptiestTeam() {
        Team small = f.team("Small", 2);
        Team big = f.team("Big", 10);
        RedemptionSettings spread = new RedemptionSettings(AllocationPolicy.SPREAD, GENEROUS.perAddress(),
                GENEROUS.perEmail(), GENEROUS.failuresPerCode());

        RedemptionResult result = service(spread).redeem(new RedeemCommand(f.code(1).code(), ALICE, "10.0.0.1"));

        assertThat(result.invitation().teamId()).contains(big.id());
        assertThat(f.reload(small).seatsReserved()).isZero();
    }

    /**
     * Invitations whose {@code create} fails, as if storage broke after the use was taken; every other
     * method goes to the real storage (a proxy, so new port methods need no change here).
     */
    private static final class FailingCreate {
        private FailingCreate() {
        }

        static Invitations of(Invitations delegate, RuntimeException failure) {
            return (Invitations) java.lang.reflect.Proxy.newProxyInstance(Invitations.class.getClassLoader(),
                    new Class<?>[]{Invitations.class}, (proxy, method, args) -> {
                        if (method.getName().equals("create")) {
                            throw failure;
                        }
                        try {
                            return method.invoke(delegate, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    // ---- anti-harassment (SPEC section 9) ------------------------------------------------------

    @Test
    void aBlockedAddressOrDomainIsRefusedBeforeAnythingIsTaken() {
        Team blue = f.team("Blue", 5);
        RedeemCode code = f.code(1);
        RedeemCode other = f.code(1);
        f.storage.transactions().inTransaction(() -> f.storage.recipients().addBlock(
                io.invitehub.application.recipients.view.BlockKind.DOMAIN, "host.com", Optional.empty(), Optional.empty(), f.clock.instant()));

        assertRefused(() -> redeem(code, ALICE), ErrorCode.RECIPIENT_BLOCKED, "Invitations to this e-mail domain are blocked by the platform.");
        assertThat(f.reload(code).usedCount()).isZero();
        assertThat(f.reload(code).boundEmail()).isEmpty();
        assertThat(f.reload(blue).seatsReserved()).isZero();
        assertThat(redeem(other, Email.of("dave@elsewhere.org")).invitation().state()).isEqualTo(InvitationState.RESERVED);
    }

    @Test
    void anOptedOutAddressIsRefused() {
        f.team("Blue", 5);
        RedeemCode code = f.code(1);
        f.storage.transactions().inTransaction(() -> f.storage.recipients().optOut(ALICE, code.id(), f.clock.instant()));

        assertRefused(() -> redeem(code, ALICE), ErrorCode.RECIPIENT_OPTED_OUT,
                "The owner of this e-mail address asked not to receive further invitations.");
        assertThat(f.reload(code).usedCount()).isZero();
    }

    @Test
    void anEmailGetsAtMostTheDailyNumberOfInvitationsAcrossCodesAndARepeatIsStillAnswered() {
        recipientSettings = new RecipientSettings(2, Duration.ZERO);
        f.team("Blue", 5);
        RedeemCode first = f.code(1);
        RedeemCode second = f.code(1);
        RedeemCode third = f.code(1);
        Invitation one = redeem(first, ALICE).invitation();
        cancel(one);
        f.clock.advance(Duration.ofHours(1));
        Invitation two = redeem(second, ALICE).invitation();
        assertThat(redeem(second, ALICE).repeated()).as("an idempotent repeat is not a new invitation").isTrue();
        cancel(two);

        assertThatThrownBy(() -> redeem(third, ALICE)).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVITATION_LIMIT_REACHED);
            assertThat(e.retryAfter()).as("until the first of the two leaves the 24 hours").isEqualTo(Duration.ofHours(23));
        });
        assertThat(f.reload(third).usedCount()).isZero();
        f.clock.advance(Duration.ofHours(23));
        assertThat(redeem(third, ALICE).invitation().state()).isEqualTo(InvitationState.RESERVED);
    }

    @Test
    void aDistributorMustWaitTheCooldownBeforeReinvitingAnEmailItRemoved() {
        recipientSettings = new RecipientSettings(100, Duration.ofHours(24));
        f.team("Blue", 5);
        io.invitehub.domain.user.User distributor = f.storage.transactions().inTransaction(() -> f.storage.users().create("d1",
                "d1@dist.com", "hash", io.invitehub.domain.user.Role.DISTRIBUTOR, io.invitehub.domain.user.Approval.APPROVED));
        io.invitehub.domain.user.User other = f.storage.transactions().inTransaction(() -> f.storage.users().create("d2",
                "d2@dist.com", "hash", io.invitehub.domain.user.Role.DISTRIBUTOR, io.invitehub.domain.user.Approval.APPROVED));
        RedeemCode code = f.code(new CodeTerms(Optional.of(distributor.id()), 2, 30, Optional.empty(), Optional.empty(), 1, Optional.empty()));
        Invitation inv = redeem(code, ALICE).invitation();
        Instant removedAt = f.clock.instant();
        f.storage.transactions().inTransaction(() -> {
            f.storage.invitations().transition(inv.id(), InvitationState.RESERVED, InvitationState.INVITED, removedAt, null);
            f.storage.invitations().claimRemoval(inv.id(), io.invitehub.domain.invitation.RemovalKind.REMOVE, removedAt, java.time.Duration.ofMinutes(2));
            f.storage.invitations().transition(inv.id(), InvitationState.REMOVING, InvitationState.REMOVED, removedAt, "removed");
        });
        RecipientPolicy policy = new RecipientPolicy(f.storage.recipients(), recipientSettings);
        f.clock.advance(Duration.ofHours(20));

        assertThatThrownBy(() -> policy.ensureMayReinvite(distributor.id(), ALICE, f.clock.instant()))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REINVITE_COOLDOWN);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(4));
                });
        policy.ensureMayReinvite(other.id(), ALICE, f.clock.instant());
        policy.ensureMayReinvite(distributor.id(), BOB, f.clock.instant());
        f.clock.advance(Duration.ofHours(4));
        policy.ensureMayReinvite(distributor.id(), ALICE, f.clock.instant());
    }

    private void cancel(Invitation invitation) {
        f.storage.transactions().inTransaction(() -> f.storage.invitations().transition(invitation.id(),
                InvitationState.RESERVED, InvitationState.CANCELLED, f.clock.instant(), "test"));
    }
}

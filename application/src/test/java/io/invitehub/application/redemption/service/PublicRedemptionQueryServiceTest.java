package io.invitehub.application.redemption.service;

import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.fakes.InMemoryRateLimiter;
import io.invitehub.application.fakes.RecordingWakeUps;
import io.invitehub.application.recipients.service.RecipientPolicy;
import io.invitehub.application.recipients.service.RecipientSettings;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.application.redemption.view.InvitationView;
import io.invitehub.application.redemption.view.RedemptionStatus;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.application.shared.view.SeatSummary;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static io.invitehub.application.contract.InvitationChanges.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublicRedemptionQueryServiceTest {
    private static final Email ALICE = Email.of("alice@host.com");
    private static final Email BOB = Email.of("bob@host.com");
    private static final String NO_REDEMPTION = "No redemption was found for this code and e-mail.";
    private static final Instant EXPIRES = Instant.parse("2026-01-01T00:00:00Z");

    private final Fixture f = new Fixture();
    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(f.clock);
    private final io.invitehub.application.fakes.InMemorySeatsCache seatsCache = new io.invitehub.application.fakes.InMemorySeatsCache(f.clock);
    private final PublicRedemptionQueryService queries = new PublicRedemptionQueryService(f.storage.codes(),
            f.storage.invitations(), f.storage.teams(), f.storage.seats(), f.clock, limiter, RedemptionSettings.defaults(),
            seatsCache, java.time.Duration.ofSeconds(5));
    private final RedeemService redeem = new RedeemService(f.storage.transactions(), f.storage.codes(), f.storage.codeUses(),
            f.storage.invitations(), f.storage.teams(), f.storage.seats(), InMemoryRateLimiter.unlimited(),
            new RecordingWakeUps(), f.clock, RedemptionSettings.defaults(),
            new RecipientPolicy(f.storage.recipients(), RecipientSettings.defaults()));

    private RedeemCode code() {
        return f.code(new CodeTerms(Optional.empty(), 1, 30, Optional.of(EXPIRES), Optional.empty(), 1, Optional.empty()));
    }

    private static void assertNoRedemption(Runnable query) {
        assertThatThrownBy(query::run).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo(NO_REDEMPTION);
        });
    }

    @Test
    void statusForTheBoundEmailShowsTheCodeAndItsLatestInvitation() {
        f.team("Blue", 5);
        RedeemCode code = code();
        RedemptionResult redeemed = redeem.redeem(new RedeemCommand(code.code(), ALICE, "10.0.0.1"));
        f.clock.advance(Duration.ofHours(1));

        RedemptionStatus status = queries.status(code.code(), ALICE, "10.0.0.1");

        assertThat(status.code()).isEqualTo(code.code().display());
        assertThat(status.active()).isTrue();
        assertThat(status.usedCount()).isEqualTo(1);
        assertThat(status.maxUses()).isEqualTo(1);
        assertThat(status.expiresAt()).contains(EXPIRES);
        assertThat(status.validityDays()).isEqualTo(30);
        assertThat(status.activatedAt()).isEmpty();
        assertThat(status.memberExpiresAt()).isEmpty();
        assertThat(status.remainingDays()).isEqualTo(30);
        assertThat(status.latestInvitation()).contains(new InvitationView(redeemed.invitation().publicId(),
                InvitationState.RESERVED, Optional.of("Blue"), Optional.empty(), Fixture.START, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void anotherEmailAnUnknownCodeAndAnUnredeemedCodeGiveTheSameNotFound() {
        f.team("Blue", 5);
        RedeemCode code = code();
        redeem.redeem(new RedeemCommand(code.code(), ALICE, "10.0.0.1"));
        RedeemCode unredeemed = code();

        assertNoRedemption(() -> queries.status(code.code(), BOB, "10.0.0.2"));
        assertNoRedemption(() -> queries.status(f.nextCode(), ALICE, "10.0.0.3"));
        assertNoRedemption(() -> queries.status(unredeemed.code(), ALICE, "10.0.0.4"));
    }

    @Test
    void invitationByPublicIdShowsTheQueuePositionWhileWaiting() {
        RedemptionResult first = redeem.redeem(new RedeemCommand(code().code(), BOB, "10.0.0.1"));
        RedemptionResult second = redeem.redeem(new RedeemCommand(code().code(), ALICE, "10.0.0.2"));

        InvitationView view = queries.invitation(second.invitation().publicId());

        assertThat(view.state()).isEqualTo(InvitationState.WAITING);
        assertThat(view.queuePosition()).contains(2L);
        assertThat(view.teamName()).isEmpty();
        assertThat(queries.invitation(first.invitation().publicId()).queuePosition()).contains(1L);
    }

    /** Issue 10: what a distributor wrote when ending it, or a provider's error text, is never shown to the customer. */
    @Test
    void anEndedInvitationShowsOnlyAPublicEndReason() {
        RedeemCode code = code();
        RedemptionResult waiting = redeem.redeem(new RedeemCommand(code.code(), ALICE, "10.0.0.1"));
        f.storage.transactions().inTransaction(() -> f.storage.invitations().apply(change(waiting.invitation().id(),
                InvitationState.WAITING, InvitationState.CANCELLED, f.clock.instant(), "removed by distributor: owes me money")));

        InvitationView view = queries.invitation(waiting.invitation().publicId());

        assertThat(view.state()).isEqualTo(InvitationState.CANCELLED);
        assertThat(view.endReason()).contains("The invitation was cancelled.");
        assertThat(queries.status(code.code(), ALICE, "10.0.0.2").latestInvitation().orElseThrow().endReason())
                .contains("The invitation was cancelled.");
    }

    @Test
    void anUnknownInvitationIsNotFound() {
        assertThatThrownBy(() -> queries.invitation(UUID.fromString("00000000-0000-4000-8000-000000000001")))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("No invitation with this id.");
                });
    }

    @Test
    void seatsSummariseActiveTeamsAndTheQueue() {
        f.team("Blue", 1);
        f.team("Red", 2);
        redeem.redeem(new RedeemCommand(code().code(), ALICE, "10.0.0.1"));

        assertThat(queries.seats()).isEqualTo(new SeatSummary(2, 3, 1, 2, 0));
    }

    @Test
    void seatsAreServedFromTheCacheForItsTimeToLiveThenRecounted() {
        f.team("Blue", 2);
        assertThat(queries.seats()).isEqualTo(new SeatSummary(1, 2, 0, 2, 0));
        redeem.redeem(new RedeemCommand(code().code(), ALICE, "10.0.0.1"));

        assertThat(queries.seats()).as("cached, stale for at most 5 s").isEqualTo(new SeatSummary(1, 2, 0, 2, 0));
        assertThat(seatsCache.stores()).isEqualTo(1);
        f.clock.advance(Duration.ofSeconds(5));
        assertThat(queries.seats()).isEqualTo(new SeatSummary(1, 2, 1, 1, 0));
        assertThat(seatsCache.stores()).isEqualTo(2);
    }

    @Test
    void aLockedCodeStaysLockedForTheWholeLockEvenAcrossAWindowEnd() {
        RedeemCode code = code();
        redeem.redeem(new RedeemCommand(code.code(), ALICE, "10.0.0.1"));
        // nine failures early, the tenth late in the 15-minute window: the lock runs 15 minutes from the tenth
        for (int i = 0; i < 9; i++) {
            int guess = i;
            assertNoRedemption(() -> queries.status(code.code(), Email.of("guess" + guess + "@host.com"), "10.1.0." + guess));
        }
        f.clock.advance(Duration.ofMinutes(14));
        assertNoRedemption(() -> queries.status(code.code(), Email.of("late@host.com"), "10.1.1.1"));
        f.clock.advance(Duration.ofMinutes(14));
        assertThatThrownBy(() -> queries.status(code.code(), ALICE, "10.2.0.1"))
                .isInstanceOfSatisfying(io.invitehub.domain.shared.RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(1)));
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(queries.status(code.code(), ALICE, "10.2.0.1").usedCount()).isEqualTo(1);
    }

    @Test
    void statusLookupsAreLimitedPerAddress() {
        RedeemCode code = code();
        redeem.redeem(new RedeemCommand(code.code(), ALICE, "10.0.0.1"));
        for (int i = 0; i < 5; i++) {
            assertThat(queries.status(code.code(), ALICE, "10.9.9.9").usedCount()).isEqualTo(1);
        }
        assertThatThrownBy(() -> queries.status(code.code(), ALICE, "10.9.9.9"))
                .isInstanceOfSatisfying(io.invitehub.domain.shared.RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(java.time.Duration.ofMinutes(1)));
        assertThat(queries.status(code.code(), ALICE, "10.9.9.10").usedCount()).as("another address").isEqualTo(1);
    }

    @Test
    void guessingTheBoundEmailLocksTheCode() {
        RedeemCode code = code();
        redeem.redeem(new RedeemCommand(code.code(), ALICE, "10.0.0.1"));
        for (int i = 0; i < 10; i++) {
            int guess = i;
            assertNoRedemption(() -> queries.status(code.code(), Email.of("guess" + guess + "@host.com"), "10.1.0." + guess));
        }
        assertThatThrownBy(() -> queries.status(code.code(), ALICE, "10.2.0.1"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    }
}

package io.invitehub.application.dispatch.service;

import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.fakes.ScriptedTeamProvider;
import io.invitehub.application.shared.port.out.InviteResult;
import io.invitehub.application.shared.port.out.NewInvitation;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamAccount;
import io.invitehub.domain.team.TeamStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.invitehub.application.fakes.ScriptedTeamProvider.allFailing;
import static io.invitehub.application.fakes.ScriptedTeamProvider.failing;
import static io.invitehub.application.fakes.ScriptedTeamProvider.omitting;
import static io.invitehub.application.fakes.ScriptedTeamProvider.throwing;
import static org.assertj.core.api.Assertions.assertThat;

class InviteDispatchServiceTest {
    private static final Email ALICE = Email.of("alice@host.com");
    private static final Email BOB = Email.of("bob@host.com");
    /** 3 attempts, backoff 2s, 4s, ... capped at 1 min; lease 2 min. */
    private static final DispatchSettings SETTINGS = new DispatchSettings(50, 3, Duration.ofSeconds(2), Duration.ofMinutes(1),
            Duration.ofMinutes(2));

    private final Fixture f = new Fixture();
    private final ScriptedTeamProvider provider = new ScriptedTeamProvider();
    private final InviteDispatchService dispatcher = new InviteDispatchService(f.storage.transactions(),
            f.storage.dispatchOutbox(), f.storage.teams(), f.storage.seats(), f.storage.codes(), f.storage.codeUses(), provider, f.wakeUps,
            f.clock, SETTINGS);

    /** What a redemption leaves behind: a use taken, the e-mail bound, a seat reserved, a RESERVED invitation. */
    private Invitation reserved(RedeemCode code, Email email) {
        return f.storage.transactions().inTransaction(() -> {
            f.storage.codeUses().takeUseAndBind(code.id(), email);
            var seat = f.storage.seats().reserveSeat(Optional.empty(), AllocationPolicy.FILL_FIRST).orElseThrow();
            return f.storage.invitations().create(new NewInvitation(code.id(), code.owner(), Optional.of(seat.teamId()),
                    email, InvitationState.RESERVED, false, true, f.clock.instant()));
        });
    }

    private Invitation reserved(Email email) {
        return reserved(f.code(1), email);
    }

    private Invitation reload(Invitation inv) {
        return f.storage.invitations().findById(inv.id()).orElseThrow();
    }

    @Test
    void aSentInviteMovesTheInvitationToInvited() {
        Team blue = f.team("Blue", 5);
        Invitation inv = reserved(ALICE);
        f.clock.advance(Duration.ofSeconds(3));

        int claimed = dispatcher.dispatchBatch();

        assertThat(claimed).isEqualTo(1);
        Invitation invited = reload(inv);
        assertThat(invited.state()).isEqualTo(InvitationState.INVITED);
        assertThat(invited.invitedAt()).contains(Fixture.START.plusSeconds(3));
        assertThat(invited.attempts()).isZero();
        assertThat(provider.calls()).containsExactly(new ScriptedTeamProvider.Call(
                new TeamAccount(blue.id(), "acc-Blue", "cred-Blue"), List.of(ALICE)));
        assertThat(f.reload(blue).seatsReserved()).isEqualTo(1);
        assertThat(dispatcher.dispatchBatch()).isZero();
        assertThat(provider.calls()).hasSize(1);
    }

    @Test
    void aPassThatOutlivesHalfItsLeaseStartsNoFurtherProviderCalls() {
        f.team("Blue", 30);
        List<Invitation> all = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            all.add(reserved(Email.of("slow" + i + "@host.com")));
        }
        // the first call takes 70 s of the 2 min lease; half the lease is 60 s
        provider.then((team, emails) -> {
            f.clock.advance(Duration.ofSeconds(70));
            return emails.stream().map(io.invitehub.application.shared.port.out.InviteResult::sent).toList();
        });

        assertThat(dispatcher.dispatchBatch()).isEqualTo(25);

        assertThat(provider.calls()).hasSize(1);
        assertThat(all.stream().map(this::reload).filter(i -> i.state() == InvitationState.INVITED)).hasSize(10);
        assertThat(all.stream().map(this::reload).filter(i -> i.state() == InvitationState.RESERVED))
                .hasSize(15).allMatch(i -> i.attempts() == 0);
        // still leased a moment later; due again when the lease ends
        assertThat(dispatcher.dispatchBatch()).isZero();
        f.clock.advance(Duration.ofSeconds(51));
        assertThat(dispatcher.dispatchBatch()).isEqualTo(15);
        assertThat(all.stream().map(this::reload).filter(i -> i.state() == InvitationState.INVITED)).hasSize(25);
    }

    @Test
    void nothingToDispatchCallsNobody() {
        f.team("Blue", 5);
        assertThat(dispatcher.dispatchBatch()).isZero();
        assertThat(provider.calls()).isEmpty();
    }

    @Test
    void aTransientFailureIsRetriedWithBackoffThenFailsAndGivesSeatAndUseBackOnce() {
        Team blue = f.team("Blue", 5);
        RedeemCode code = f.code(3);
        Invitation other = reserved(code, ALICE);
        Invitation inv = f.storage.transactions().inTransaction(() -> {
            f.storage.codeUses().takeUseAndBind(code.id(), ALICE); // the code is bound to ALICE already
            var seat = f.storage.seats().reserveSeat(Optional.empty(), AllocationPolicy.FILL_FIRST).orElseThrow();
            return f.storage.invitations().create(new NewInvitation(code.id(), Optional.empty(), Optional.of(seat.teamId()),
                    BOB, InvitationState.RESERVED, false, true, f.clock.instant()));
        });
        provider.otherwise(failing(ProviderError.TRANSIENT, BOB));

        assertThat(dispatcher.dispatchBatch()).isEqualTo(2);        // attempt 1 fails: retry after 2s
        assertThat(reload(other).state()).isEqualTo(InvitationState.INVITED);
        Invitation retried = reload(inv);
        assertThat(retried.state()).isEqualTo(InvitationState.RESERVED);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).contains("TRANSIENT: scripted TRANSIENT");

        f.clock.advance(Duration.ofMillis(1999));
        assertThat(dispatcher.dispatchBatch()).isZero();
        f.clock.advance(Duration.ofMillis(1));
        assertThat(dispatcher.dispatchBatch()).isEqualTo(1);          // attempt 2 fails: retry after 4s
        assertThat(reload(inv).attempts()).isEqualTo(2);

        f.clock.advance(Duration.ofMillis(3999));
        assertThat(dispatcher.dispatchBatch()).isZero();
        f.clock.advance(Duration.ofMillis(1));
        assertThat(dispatcher.dispatchBatch()).isEqualTo(1);          // attempt 3 is the last: FAILED

        Invitation failed = reload(inv);
        assertThat(failed.state()).isEqualTo(InvitationState.FAILED);
        assertThat(failed.endReason()).contains("TRANSIENT: scripted TRANSIENT");
        assertThat(failed.endedAt()).contains(Fixture.START.plusSeconds(6));
        assertThat(f.reload(blue).seatsReserved()).isEqualTo(1);     // only ALICE's seat remains
        assertThat(f.reload(code).usedCount()).isEqualTo(1);         // BOB's use given back once
        assertThat(provider.emailsPerCall()).containsExactly(List.of(ALICE, BOB), List.of(BOB), List.of(BOB));

        f.clock.advance(Duration.ofMinutes(10));
        assertThat(dispatcher.dispatchBatch()).isZero();
        assertThat(f.storage.codeUses().giveUseBack(inv.id())).isFalse();
        assertThat(f.reload(code).usedCount()).isEqualTo(1);
    }

    @Test
    void aRejectedInviteFailsAtOnce() {
        Team blue = f.team("Blue", 5);
        Invitation inv = reserved(ALICE);
        RedeemCode code = f.storage.codes().findById(inv.codeId()).orElseThrow();
        provider.then(allFailing(ProviderError.REJECTED));

        assertThat(dispatcher.dispatchBatch()).isEqualTo(1);

        Invitation failed = reload(inv);
        assertThat(failed.state()).isEqualTo(InvitationState.FAILED);
        assertThat(failed.endReason()).contains("REJECTED: scripted REJECTED");
        assertThat(failed.attempts()).isZero();
        assertThat(f.reload(blue).seatsReserved()).isZero();
        assertThat(f.reload(code).usedCount()).isZero();
        assertThat(provider.calls()).hasSize(1);
    }

    @Test
    void aBannedWorkspaceIsMarkedBannedAndItsInvitationsFail() {
        Team blue = f.team("Blue", 5);
        Invitation a = reserved(ALICE);
        Invitation b = reserved(BOB);
        provider.then(throwing(ProviderError.BANNED));

        assertThat(dispatcher.dispatchBatch()).isEqualTo(2);

        assertThat(f.reload(blue).status()).isEqualTo(TeamStatus.BANNED);
        assertThat(f.reload(blue).seatsReserved()).isZero();
        for (Invitation inv : List.of(a, b)) {
            Invitation failed = reload(inv);
            assertThat(failed.state()).isEqualTo(InvitationState.FAILED);
            assertThat(failed.endReason()).hasValueSatisfying(r -> assertThat(r).startsWith("BANNED: ").endsWith("scripted BANNED"));
            assertThat(f.storage.codes().findById(inv.codeId()).orElseThrow().usedCount()).isZero();
        }
        assertThat(provider.calls()).hasSize(1);
    }

    @Test
    void theStoredReasonOfAFailedCallNamesTheErrorOnce() {
        f.team("Blue", 5);
        Invitation inv = reserved(ALICE);
        provider.then(throwing(ProviderError.BANNED));

        dispatcher.dispatchBatch();

        assertThat(reload(inv).endReason()).contains("BANNED: scripted BANNED");
    }

    @Test
    void aBanStopsTheRemainingChunksOfThatTeam() {
        Team blue = f.team("Blue", 30);
        List<Invitation> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            all.add(reserved(Email.of("member" + i + "@host.com")));
        }
        provider.then(throwing(ProviderError.BANNED));

        dispatcher.dispatchBatch();

        assertThat(provider.calls()).hasSize(1);
        assertThat(f.reload(blue).status()).isEqualTo(TeamStatus.BANNED);
        assertThat(all).allSatisfy(inv -> assertThat(reload(inv).state()).isEqualTo(InvitationState.FAILED));
        assertThat(f.reload(blue).seatsReserved()).isZero();
    }

    @Test
    void invalidCredentialsMarkTheTeamTokenInvalid() {
        Team blue = f.team("Blue", 5);
        Invitation inv = reserved(ALICE);
        provider.then(throwing(ProviderError.TOKEN_INVALID));

        dispatcher.dispatchBatch();

        assertThat(f.reload(blue).status()).isEqualTo(TeamStatus.TOKEN_INVALID);
        assertThat(reload(inv).state()).isEqualTo(InvitationState.FAILED);
    }

    @Test
    void aRateLimitHonoursRetryAfterWhenLongerThanTheBackoff() {
        f.team("Blue", 5);
        Invitation inv = reserved(ALICE);
        provider.then(throwing(ProviderError.RATE_LIMITED, Duration.ofSeconds(30)));

        dispatcher.dispatchBatch();
        assertThat(reload(inv).attempts()).isEqualTo(1);
        assertThat(reload(inv).lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("RATE_LIMITED: ").endsWith("scripted RATE_LIMITED"));

        f.clock.advance(Duration.ofSeconds(29));
        assertThat(dispatcher.dispatchBatch()).isZero();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(dispatcher.dispatchBatch()).isEqualTo(1);
        assertThat(reload(inv).state()).isEqualTo(InvitationState.INVITED);
        assertThat(reload(inv).invitedAt()).contains(Fixture.START.plusSeconds(30));
    }

    @Test
    void aRateLimitShorterThanTheBackoffWaitsForTheBackoff() {
        f.team("Blue", 5);
        Invitation inv = reserved(ALICE);
        provider.then(throwing(ProviderError.RATE_LIMITED, Duration.ofSeconds(1)));

        dispatcher.dispatchBatch();

        f.clock.advance(Duration.ofMillis(1999));
        assertThat(dispatcher.dispatchBatch()).isZero();
        f.clock.advance(Duration.ofMillis(1));
        assertThat(dispatcher.dispatchBatch()).isEqualTo(1);
        assertThat(reload(inv).state()).isEqualTo(InvitationState.INVITED);
    }

    @Test
    void invitesAtMostTenEmailsPerCall() {
        Team blue = f.team("Blue", 30);
        List<Invitation> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            all.add(reserved(Email.of("member" + i + "@host.com")));
        }

        assertThat(dispatcher.dispatchBatch()).isEqualTo(25);

        assertThat(provider.emailsPerCall()).extracting(List::size).containsExactly(10, 10, 5);
        assertThat(provider.emailsPerCall().stream().flatMap(List::stream))
                .containsExactlyElementsOf(all.stream().map(Invitation::email).toList());
        assertThat(provider.calls()).allSatisfy(c -> assertThat(c.team().teamId()).isEqualTo(blue.id()));
        assertThat(all).allSatisfy(inv -> assertThat(reload(inv).state()).isEqualTo(InvitationState.INVITED));
        assertThat(TeamProvider.MAX_INVITES_PER_CALL).isEqualTo(10);
    }

    @Test
    void callsTheProviderOncePerTeam() {
        Team small = f.team("Small", 1);
        Team big = f.team("Big", 5);
        Invitation a = reserved(ALICE);
        Invitation b = reserved(BOB);
        assertThat(a.teamId()).contains(small.id());
        assertThat(b.teamId()).contains(big.id());

        dispatcher.dispatchBatch();

        assertThat(provider.calls()).extracting(c -> c.team().teamId()).containsExactly(small.id(), big.id());
        assertThat(provider.emailsPerCall()).containsExactly(List.of(ALICE), List.of(BOB));
    }

    @Test
    void anEmailWithoutAResultIsRetried() {
        f.team("Blue", 5);
        Invitation a = reserved(ALICE);
        Invitation b = reserved(BOB);
        provider.then(omitting(BOB));

        dispatcher.dispatchBatch();

        assertThat(reload(a).state()).isEqualTo(InvitationState.INVITED);
        Invitation missing = reload(b);
        assertThat(missing.state()).isEqualTo(InvitationState.RESERVED);
        assertThat(missing.attempts()).isEqualTo(1);
        assertThat(missing.lastError()).contains("TRANSIENT: the provider gave no result for this e-mail");

        f.clock.advance(Duration.ofSeconds(2));
        assertThat(dispatcher.dispatchBatch()).isEqualTo(1);
        assertThat(reload(b).state()).isEqualTo(InvitationState.INVITED);
        assertThat(provider.emailsPerCall()).containsExactly(List.of(ALICE, BOB), List.of(BOB));
    }

    @Test
    void anUnexpectedProviderErrorCountsAsTransient() {
        f.team("Blue", 5);
        Invitation inv = reserved(ALICE);
        provider.then((team, emails) -> {
            throw new IllegalStateException("socket closed");
        });

        dispatcher.dispatchBatch();

        Invitation retried = reload(inv);
        assertThat(retried.state()).isEqualTo(InvitationState.RESERVED);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).contains("TRANSIENT: unexpected provider failure: java.lang.IllegalStateException: socket closed");
    }

    @Test
    void nothingStaysReservedWithAProviderThatAlwaysFails() {
        Team blue = f.team("Blue", 20);
        List<Invitation> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(reserved(Email.of("member" + i + "@host.com")));
        }
        provider.otherwise(throwing(ProviderError.TRANSIENT));

        for (int pass = 0; pass < 5; pass++) {
            dispatcher.dispatchBatch();
            f.clock.advance(SETTINGS.backoffMax());
        }

        assertThat(all).allSatisfy(inv -> {
            Invitation failed = reload(inv);
            assertThat(failed.state()).isEqualTo(InvitationState.FAILED);
            assertThat(failed.attempts()).isEqualTo(2);
            assertThat(f.storage.codes().findById(inv.codeId()).orElseThrow().usedCount()).isZero();
        });
        assertThat(f.reload(blue).seatsReserved()).isZero();
        assertThat(f.reload(blue).status()).isEqualTo(TeamStatus.ACTIVE);
        assertThat(provider.calls()).hasSize(3 * 2);   // 12 e-mails = 2 calls per pass, 3 attempts
        assertThat(f.storage.seats().seatSummary().usedSeats()).isZero();
    }

    @Test
    void aResultForAnotherEmailDoesNotCountAsSent() {
        f.team("Blue", 5);
        Invitation inv = reserved(ALICE);
        provider.then((team, emails) -> List.of(InviteResult.sent(BOB)));

        dispatcher.dispatchBatch();

        assertThat(reload(inv).state()).isEqualTo(InvitationState.RESERVED);
        assertThat(reload(inv).attempts()).isEqualTo(1);
    }

    @Test
    void backoffDoublesUpToTheCap() {
        assertThat(SETTINGS.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(SETTINGS.backoff(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(SETTINGS.backoff(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(SETTINGS.backoff(6)).isEqualTo(Duration.ofMinutes(1));
        assertThat(SETTINGS.backoff(100)).isEqualTo(Duration.ofMinutes(1));
        assertThat(DispatchSettings.defaults()).isEqualTo(new DispatchSettings(50, 5, Duration.ofSeconds(2),
                Duration.ofMinutes(2), Duration.ofMinutes(2)));
    }

    @Test
    void aWorkerWhoseLeaseRanOutCannotOverwriteTheNewerClaim() throws Exception {
        f.team("Blue", 5);
        Invitation inv = reserved(ALICE);
        java.util.concurrent.CountDownLatch inCall = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        // worker A's call hangs past its lease and then answers "refused for good"; worker B, which claimed
        // the row again after the lease, meets a passing fault and schedules a retry
        provider.then((team, emails) -> {
            inCall.countDown();
            try {
                answer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return emails.stream().map(e -> InviteResult.failed(e, ProviderError.REJECTED, "stale answer")).toList();
        }, allFailing(ProviderError.TRANSIENT));
        Thread workerA = new Thread(dispatcher::dispatchBatch, "worker-a");
        workerA.start();
        assertThat(inCall.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        f.clock.advance(SETTINGS.lease().plusSeconds(1));
        assertThat(dispatcher.dispatchBatch()).isEqualTo(1); // worker B
        Invitation afterB = reload(inv);
        assertThat(afterB.attempts()).isEqualTo(1);
        answer.countDown();
        workerA.join(10_000);
        assertThat(workerA.isAlive()).isFalse();

        Invitation current = reload(inv);
        assertThat(current.state()).isEqualTo(InvitationState.RESERVED);
        assertThat(current.attempts()).isEqualTo(1);
        assertThat(current.lastError()).contains("TRANSIENT: scripted TRANSIENT");
        assertThat(f.reload(f.storage.teams().listAll().get(0)).seatsReserved()).isEqualTo(1);
        assertThat(f.reload(f.storage.codes().findById(inv.codeId()).orElseThrow()).usedCount()).isEqualTo(1);
        assertThat(f.wakeUps.count(io.invitehub.application.shared.port.out.WakeUps.Work.SEAT_PROMOTION)).isZero();
        assertThat(provider.calls()).hasSize(2);
    }

    @Test
    void aFailureThatGivesASeatBackWakesThePromoter() {
        f.team("Blue", 5);
        Invitation inv = reserved(ALICE);
        provider.then(allFailing(ProviderError.REJECTED));

        dispatcher.dispatchBatch();

        assertThat(reload(inv).state()).isEqualTo(InvitationState.FAILED);
        assertThat(f.wakeUps.count(io.invitehub.application.shared.port.out.WakeUps.Work.SEAT_PROMOTION)).isEqualTo(1);
    }
}

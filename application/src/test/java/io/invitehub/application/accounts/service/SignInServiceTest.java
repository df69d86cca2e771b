package io.invitehub.application.accounts.service;

import io.invitehub.application.accounts.port.in.NotApprovedException;
import io.invitehub.application.accounts.port.in.SignedIn;
import io.invitehub.application.fakes.FakeTokens;
import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.fakes.InMemoryRateLimiter;
import io.invitehub.application.fakes.PlainPasswordHasher;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.RateLimitedException;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignInServiceTest {
    private static final String BAD_CREDENTIALS = "Invalid username or password.";
    private static final Duration SLOW_DOWN = Duration.ofSeconds(2);

    private final Fixture f = new Fixture();
    private final FakeTokens tokens = new FakeTokens(Duration.ofMinutes(60));
    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(f.clock);
    private final SignInService signIn = new SignInService(f.storage.users(), new PlainPasswordHasher(), tokens, tokens,
            limiter, f.clock, SignInSettings.of(5, SLOW_DOWN));

    private User user(String name, Role role, Approval approval) {
        return f.storage.transactions().inTransaction(() -> f.storage.users().create(name, name + "@host.com",
                "plain:password1", role, approval));
    }

    private static void assertRefused(Runnable call, ErrorCode code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void aCorrectPasswordGivesATokenThatAuthenticates() {
        User shop = user("shop", Role.DISTRIBUTOR, Approval.APPROVED);

        SignedIn signedIn = signIn.login(" shop ", "password1".toCharArray(), "10.0.0.1");

        assertThat(signedIn.user().id()).isEqualTo(shop.id());
        assertThat(signedIn.expiresAt()).isEqualTo(Fixture.START.plus(Duration.ofMinutes(60)));
        assertThat(signedIn.accessToken()).isEqualTo("fake." + shop.id().value() + ".0." + signedIn.expiresAt().getEpochSecond());
        assertThat(signIn.authenticate(signedIn.accessToken()).id()).isEqualTo(shop.id());
    }

    @Test
    void wrongPasswordsUnknownUsersAndMissingInputAreTheSameRefusal() {
        user("shop", Role.DISTRIBUTOR, Approval.APPROVED);

        assertRefused(() -> signIn.login("shop", "password2".toCharArray(), "a"), ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
        assertRefused(() -> signIn.login("nobody", "password1".toCharArray(), "a"), ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
        assertRefused(() -> signIn.login(null, "password1".toCharArray(), "a"), ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
        assertRefused(() -> signIn.login("shop", null, "a"), ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
    }

    @Test
    void aDistributorThatIsNotApprovedLearnsItsStateOnlyWithTheRightPassword() {
        user("pending", Role.DISTRIBUTOR, Approval.PENDING);
        user("rejected", Role.DISTRIBUTOR, Approval.REJECTED);
        user("suspended", Role.DISTRIBUTOR, Approval.SUSPENDED);

        assertRefused(() -> signIn.login("pending", "password1".toCharArray(), "a"), ErrorCode.FORBIDDEN,
                "This distributor account is pending: an admin has not approved it yet.");
        assertRefused(() -> signIn.login("rejected", "password1".toCharArray(), "b"), ErrorCode.FORBIDDEN,
                "This distributor account was rejected.");
        assertRefused(() -> signIn.login("suspended", "password1".toCharArray(), "c"), ErrorCode.FORBIDDEN,
                "This distributor account is suspended.");
        assertRefused(() -> signIn.login("pending", "wrong-pass".toCharArray(), "d"), ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
    }

    @Test
    void aRejectedDistributorLearnsTheAdminsReasonWithItsRightPasswordOnly() {
        User rejected = user("rejected", Role.DISTRIBUTOR, Approval.REJECTED);
        user("silent", Role.DISTRIBUTOR, Approval.REJECTED);
        User pending = user("pending", Role.DISTRIBUTOR, Approval.PENDING);
        f.storage.transactions().inTransaction(() -> {
            f.storage.users().recordRejectionReason(rejected.id(), Optional.of("no website"));
            f.storage.users().recordRejectionReason(pending.id(), Optional.of("left over"));
            return null;
        });

        assertThatThrownBy(() -> signIn.login("rejected", "password1".toCharArray(), "a"))
                .isInstanceOfSatisfying(NotApprovedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(e.approval()).isEqualTo(Approval.REJECTED);
                    assertThat(e.rejectionReason()).contains("no website");
                });
        assertThatThrownBy(() -> signIn.login("silent", "password1".toCharArray(), "b"))
                .isInstanceOfSatisfying(NotApprovedException.class, e -> assertThat(e.rejectionReason()).isEmpty());
        assertThatThrownBy(() -> signIn.login("pending", "password1".toCharArray(), "c")).as("only a rejection has a reason")
                .isInstanceOfSatisfying(NotApprovedException.class, e -> assertThat(e.rejectionReason()).isEmpty());
        assertThatThrownBy(() -> signIn.login("rejected", "wrong-pass".toCharArray(), "d"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e).isNotInstanceOf(NotApprovedException.class);
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
                });
    }

    @Test
    void fiveAttemptsPerMinutePerAddressAndPerAddressAndUserAreHardLimits() {
        user("shop", Role.DISTRIBUTOR, Approval.APPROVED);
        for (int i = 0; i < 5; i++) {
            assertRefused(() -> signIn.login("shop", "wrong-pass".toCharArray(), "10.0.0.1"), ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
        }
        assertThatThrownBy(() -> signIn.login("shop", "password1".toCharArray(), "10.0.0.1"))
                .as("even the right password, from the address that failed")
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter()).isEqualTo(
                        Duration.between(Fixture.START, Instant.parse("2025-03-01T10:01:00Z"))));
        assertThatThrownBy(() -> signIn.login("other", "password1".toCharArray(), "10.0.0.1"))
                .as("any user from that address").isInstanceOf(RateLimitedException.class);

        f.clock.advance(Duration.ofMinutes(1));
        assertThat(signIn.login("shop", "password1".toCharArray(), "10.0.0.1").user().username()).isEqualTo("shop");
    }

    /**
     * ADR 26: an attacker failing from one address is stopped there; the owner signing in from another
     * address gets in at once, minute after minute, never waiting longer than the short slow-down cap.
     */
    @Test
    void anAttackerFailingFromOneAddressNeverLocksTheOwnerOutFromAnother() {
        user("shop", Role.DISTRIBUTOR, Approval.APPROVED);
        for (int minute = 0; minute < 3; minute++) {
            for (int i = 0; i < 5; i++) {
                assertRefused(() -> signIn.login("SHOP", "guess".toCharArray(), "203.0.113.9"), ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
            }
            assertThatThrownBy(() -> signIn.login("shop", "guess".toCharArray(), "203.0.113.9")).isInstanceOf(RateLimitedException.class);

            assertThat(signIn.login("shop", "password1".toCharArray(), "10.0.0.2").user().username())
                    .as("minute %d: the owner from its own address", minute).isEqualTo("shop");
            f.clock.advance(Duration.ofMinutes(1));
        }
    }

    /**
     * Failures of one user from many addresses (each under its own limits) slow further attempts for that
     * user down to one per slow-down period across addresses: a refusal says to retry within the cap, and
     * the right password gets in once it is waited for.
     */
    @Test
    void failuresFromManyAddressesOnlySlowTheUserDownWithAShortCap() {
        user("shop", Role.DISTRIBUTOR, Approval.APPROVED);
        for (int i = 0; i < 5; i++) {
            String address = "198.51.100." + i;
            assertRefused(() -> signIn.login("shop", "guess".toCharArray(), address), ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
        }
        assertRefused(() -> signIn.login("shop", "guess".toCharArray(), "198.51.100.50"), ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
        assertThatThrownBy(() -> signIn.login("shop", "password1".toCharArray(), "10.0.0.2"))
                .as("the next attempt within the slow-down period, whoever makes it")
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(SLOW_DOWN));

        f.clock.advance(SLOW_DOWN);
        assertThat(signIn.login("shop", "password1".toCharArray(), "10.0.0.2").user().username()).isEqualTo("shop");
        assertRefused(() -> signIn.login("other", "guess".toCharArray(), "10.0.0.3"), ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
        assertRefused(() -> signIn.login("other", "guess".toCharArray(), "10.0.0.4"), ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
    }

    @Test
    void tokensDieWithTheirVersionTheirExpiryAndTheirUser() {
        User shop = user("shop", Role.DISTRIBUTOR, Approval.APPROVED);
        String token = signIn.login("shop", "password1".toCharArray(), "a").accessToken();

        f.storage.transactions().inTransaction(() -> f.storage.users().changeApproval(shop.id(), Approval.APPROVED, Approval.SUSPENDED, true));
        assertRefused(() -> signIn.authenticate(token), ErrorCode.UNAUTHORIZED, "The token was revoked; sign in again.");

        f.storage.transactions().inTransaction(() -> f.storage.users().changeApproval(shop.id(), Approval.SUSPENDED, Approval.APPROVED, false));
        String fresh = signIn.login("shop", "password1".toCharArray(), "a").accessToken();
        assertThat(signIn.authenticate(fresh).tokenVersion()).isEqualTo(1);
        f.clock.advance(Duration.ofMinutes(60));
        assertRefused(() -> signIn.authenticate(fresh), ErrorCode.UNAUTHORIZED, "The token has expired; sign in again.");
        assertRefused(() -> signIn.authenticate(" "), ErrorCode.UNAUTHORIZED, "Authentication required.");
        assertRefused(() -> signIn.authenticate("fake.999.0.99999999999"), ErrorCode.UNAUTHORIZED, "The token was revoked; sign in again.");
    }
}

package io.invitehub.application.accounts.service;

import io.invitehub.application.accounts.port.out.PasswordResets;
import io.invitehub.application.accounts.port.out.ResetTokens;
import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.fakes.InMemoryRateLimiter;
import io.invitehub.application.fakes.PlainPasswordHasher;
import io.invitehub.application.fakes.RecordingMailOutbox;
import io.invitehub.application.shared.port.out.MailTemplate;
import io.invitehub.application.shared.port.out.OutgoingMail;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.Language;
import io.invitehub.domain.shared.RateLimitedException;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordResetServiceTest {
    private final Fixture f = new Fixture();
    private final RecordingMailOutbox mail = new RecordingMailOutbox();
    private final Resets resets = new Resets();
    private final PasswordResetService service = new PasswordResetService(f.storage.transactions(), f.storage.users(), resets,
            new SequenceTokens(), new PlainPasswordHasher(), mail, f.wakeUps, new InMemoryRateLimiter(f.clock), f.storage.auditLog(),
            f.clock, PasswordResetSettings.defaults(() -> "https://hub.example/reset#token="));
    private final User shop = f.storage.users().create("shop", "shop@example.com", "plain:old-password", Role.DISTRIBUTOR, Approval.APPROVED);

    /** Tokens {@code token-1}, {@code token-2}… hashed as {@code h(token-1)}. */
    private static final class SequenceTokens implements ResetTokens {
        private int n;

        @Override
        public Issued issue() {
            String token = "token-" + (++n);
            return new Issued(token, hash(token));
        }

        @Override
        public String hash(String token) {
            return "h(" + token + ")";
        }
    }

    /** The reset store over maps, the users' e-mails read from the fake users. */
    private final class Resets implements PasswordResets {
        final Map<String, Object[]> rows = new HashMap<>();

        @Override
        public Optional<UserId> userWithEmail(Email email) {
            return f.storage.users().findByUsername("shop").filter(u -> u.email().map(email.value()::equals).orElse(false)).map(User::id);
        }

        @Override
        public void store(String tokenHash, UserId user, Instant expiresAt) {
            rows.put(tokenHash, new Object[] {user, expiresAt, null});
        }

        @Override
        public Optional<UserId> consume(String tokenHash, Instant now) {
            Object[] row = rows.get(tokenHash);
            if (row == null || row[2] != null || !now.isBefore((Instant) row[1])) {
                return Optional.empty();
            }
            row[2] = now;
            return Optional.of((UserId) row[0]);
        }

        @Override
        public void discardFor(UserId user) {
            rows.values().removeIf(r -> r[0].equals(user));
        }
    }

    @Test
    void aKnownEMailGetsALinkWhoseTokenIsStoredHashed() {
        service.requestReset(" Shop@Example.com ", "10.0.0.1", Language.EN);

        assertThat(mail.mail()).containsExactly(new OutgoingMail(Email.of("shop@example.com"), Language.EN, MailTemplate.PASSWORD_RESET,
                Map.of("link", "https://hub.example/reset#token=token-1", "minutes", "30")));
        assertThat(resets.rows).containsOnlyKeys("h(token-1)");
        assertThat(f.wakeUps.count(WakeUps.Work.MAIL)).isEqualTo(1);
    }

    @Test
    void anUnknownEMailIsAnsweredTheSameAndNothingIsWritten() {
        service.requestReset("nobody@example.com", "10.0.0.1", Language.ZH_CN);

        assertThat(mail.mail()).isEmpty();
        assertThat(resets.rows).isEmpty();
        assertThat(f.wakeUps.count(WakeUps.Work.MAIL)).isZero();
    }

    @Test
    void theTokenSetsThePasswordOnceAndEndsEverySession() {
        service.requestReset("shop@example.com", "10.0.0.1", Language.EN);
        int version = shop.tokenVersion();

        service.resetPassword("token-1", "new-password".toCharArray(), "10.0.0.2");

        User after = f.storage.users().findById(shop.id()).orElseThrow();
        assertThat(after.passwordHash()).isEqualTo("plain:new-password");
        assertThat(after.tokenVersion()).isEqualTo(version + 1);
        assertThatThrownBy(() -> service.resetPassword("token-1", "other-password".toCharArray(), "10.0.0.2"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESET_TOKEN_INVALID));
        assertThat(f.storage.auditLog().latest(5)).extracting(e -> e.action()).contains("PASSWORD_RESET", "PASSWORD_RESET_REQUEST");
    }

    @Test
    void aNewRequestEndsTheEarlierLinkAndAnExpiredLinkFails() {
        service.requestReset("shop@example.com", "10.0.0.1", Language.EN);
        f.clock.advance(Duration.ofMinutes(2));
        service.requestReset("shop@example.com", "10.0.0.1", Language.EN);
        assertThatThrownBy(() -> service.resetPassword("token-1", "new-password".toCharArray(), "10.0.0.2"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESET_TOKEN_INVALID));

        f.clock.advance(Duration.ofMinutes(30));
        assertThatThrownBy(() -> service.resetPassword("token-2", "new-password".toCharArray(), "10.0.0.2"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESET_TOKEN_INVALID));
        assertThat(f.storage.users().findById(shop.id()).orElseThrow().passwordHash()).isEqualTo("plain:old-password");
    }

    @Test
    void requestsAndAttemptsAreRateLimited() {
        service.requestReset("shop@example.com", "10.0.0.1", Language.EN);
        assertThatThrownBy(() -> service.requestReset("shop@example.com", "10.0.0.9", Language.EN)).isInstanceOf(RateLimitedException.class);
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> service.resetPassword("wrong", "new-password".toCharArray(), "10.0.0.3"))
                    .isInstanceOf(DomainException.class);
        }
        assertThatThrownBy(() -> service.resetPassword("token-1", "new-password".toCharArray(), "10.0.0.3"))
                .isInstanceOf(RateLimitedException.class);
        assertThat(mail.to("shop@example.com", MailTemplate.PASSWORD_RESET)).hasSize(1);
    }

    @Test
    void aTooShortPasswordChangesNothingAndKeepsTheToken() {
        service.requestReset("shop@example.com", "10.0.0.1", Language.EN);

        assertThatThrownBy(() -> service.resetPassword("token-1", "short".toCharArray(), "10.0.0.2"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));

        service.resetPassword("token-1", "long-enough".toCharArray(), "10.0.0.2");
        assertThat(List.of(f.storage.users().findById(shop.id()).orElseThrow().passwordHash())).containsExactly("plain:long-enough");
    }
}

package io.invitehub.application.accounts.service;

import io.invitehub.application.accounts.port.in.RegisterDistributorCommand;
import io.invitehub.application.accounts.port.out.VerificationCodes;
import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.fakes.InMemoryRateLimiter;
import io.invitehub.application.fakes.PlainPasswordHasher;
import io.invitehub.application.fakes.RecordingMailOutbox;
import io.invitehub.application.shared.port.out.MailTemplate;
import io.invitehub.application.shared.port.out.OutgoingMail;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.domain.shared.Language;
import io.invitehub.application.fakes.SequenceVerificationCodes;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.RateLimitedException;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DistributorSignUpServiceTest {
    private static final String WRONG_CODE = "The verification code is wrong or expired; request a new one.";
    private static final Email SHOP = Email.of("shop@host.com");

    private final Fixture f = new Fixture();
    private final RecordingMailOutbox mailer = new RecordingMailOutbox();
    private final DistributorSignUpService signUp = new DistributorSignUpService(f.storage.transactions(), f.storage.users(),
            f.storage.verificationCodes(), new SequenceVerificationCodes(), new PlainPasswordHasher(), mailer, f.wakeUps,
            new InMemoryRateLimiter(f.clock), f.storage.auditLog(), f.clock, SignUpSettings.defaults());

    private User register(String code) {
        return register("shop_1", code, "10.0.0.1");
    }

    private User register(String username, String code, String address) {
        return signUp.register(new RegisterDistributorCommand(" Shop@Host.com ", username, "password1".toCharArray(), code, address));
    }

    private void existing(String username) {
        f.storage.transactions().inTransaction(() -> f.storage.users().create(username, username + "@elsewhere.com", "h",
                Role.DISTRIBUTOR, Approval.APPROVED));
    }

    private int failedAttempts() {
        return f.storage.verificationCodes().find(SHOP).orElseThrow().failedAttempts();
    }

    private static void assertWrongCode(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(e.getMessage()).isEqualTo(WRONG_CODE);
        });
    }

    @Test
    void theMailedCodeIsStoredHashedAndRegistersAPendingDistributor() {
        signUp.sendVerificationCode("Shop@Host.com", "10.0.0.1");

        assertThat(mailer.mail()).containsExactly(new OutgoingMail(SHOP, Language.ZH_CN, MailTemplate.VERIFICATION_CODE,
                java.util.Map.of("code", "100001", "minutes", "10")));
        assertThat(f.wakeUps.count(WakeUps.Work.MAIL)).isEqualTo(1);
        assertThat(f.storage.verificationCodes().find(SHOP)).contains(new VerificationCodes.Pending(SHOP, "plain:100001",
                Fixture.START.plus(Duration.ofMinutes(10)), 0));

        User user = register("100001");

        assertThat(user.username()).isEqualTo("shop_1");
        assertThat(user.email()).contains("shop@host.com");
        assertThat(user.role()).isEqualTo(Role.DISTRIBUTOR);
        assertThat(user.approval()).contains(Approval.PENDING);
        assertThat(user.passwordHash()).isEqualTo("plain:password1");
        assertThat(f.storage.verificationCodes().find(SHOP)).isEmpty();
        assertThat(f.storage.auditLog().latest(10)).containsExactly(new AuditEntry(Actor.of(user), "DISTRIBUTOR_REGISTER",
                "USER", Long.toString(user.id().value()), Optional.of("username=shop_1"), Fixture.START));
    }

    @Test
    void oneCodePerMinutePerAddressAndPerEmail() {
        signUp.sendVerificationCode("shop@host.com", "10.0.0.1");

        assertThatThrownBy(() -> signUp.sendVerificationCode("shop@host.com", "10.0.0.2"))
                .isInstanceOf(RateLimitedException.class);
        assertThatThrownBy(() -> signUp.sendVerificationCode("other@host.com", "10.0.0.1"))
                .isInstanceOf(RateLimitedException.class);
        assertThat(mailer.mail()).hasSize(1);

        f.clock.advance(Duration.ofMinutes(1));
        signUp.sendVerificationCode("shop@host.com", "10.0.0.1");
        assertThat(mailer.lastCodeFor("shop@host.com")).isEqualTo("100002");
        assertWrongCode(() -> register("100001"));
        assertThat(register("100002").approval()).contains(Approval.PENDING);
    }

    @Test
    void anExpiredCodeIsRefused() {
        signUp.sendVerificationCode("shop@host.com", "10.0.0.1");
        f.clock.advance(Duration.ofMinutes(10));

        assertWrongCode(() -> register("100001"));
        assertThat(f.storage.users().findByUsername("shop_1")).isEmpty();
    }

    @Test
    void fiveWrongCodesEndTheCode() {
        signUp.sendVerificationCode("shop@host.com", "10.0.0.1");
        for (int i = 1; i <= 4; i++) {
            assertWrongCode(() -> register("999999"));
            assertThat(f.storage.verificationCodes().find(SHOP).orElseThrow().failedAttempts()).isEqualTo(i);
        }
        assertWrongCode(() -> register("999999"));

        assertThat(f.storage.verificationCodes().find(SHOP)).isEmpty();
        f.clock.advance(Duration.ofMinutes(1)); // past the minute's 5 attempts for this e-mail
        assertWrongCode(() -> register("100001"));
        assertThat(f.storage.users().findByUsername("shop_1")).isEmpty();
    }

    @Test
    void malformedFieldsAreRefusedBeforeTheCodeIsTouched() {
        signUp.sendVerificationCode("shop@host.com", "10.0.0.1");

        assertThatThrownBy(() -> register("12345")).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.getMessage()).isEqualTo("code must be the six digits sent by e-mail"));
        assertThatThrownBy(() -> signUp.register(new RegisterDistributorCommand("shop@host.com", "x", "password1".toCharArray(), "100001", "10.0.0.1")))
                .hasMessage("username must be 3-64 letters, digits, '_', '.' or '-'");
        assertThatThrownBy(() -> signUp.sendVerificationCode("not-an-email", "10.0.0.9"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_EMAIL));
        assertThat(f.storage.verificationCodes().find(SHOP).orElseThrow().failedAttempts()).isZero();
    }

    /**
     * A taken username is said only once the e-mail is verified (the right code), and that attempt counts
     * against the code like a wrong code: the code cannot be used to probe usernames.
     */
    @Test
    void aTakenUsernameIsAConflictThatCountsAgainstTheCode() {
        existing("shop_1");
        signUp.sendVerificationCode("shop@host.com", "10.0.0.1");

        for (int i = 1; i <= 4; i++) {
            assertThatThrownBy(() -> register("100001"))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
            assertThat(failedAttempts()).isEqualTo(i);
        }
        assertThatThrownBy(() -> register("100001")).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(f.storage.verificationCodes().find(SHOP)).as("five attempts end the code").isEmpty();
        f.clock.advance(Duration.ofMinutes(1)); // past the minute's 5 attempts for this e-mail
        assertWrongCode(() -> register("free_name", "100001", "10.0.0.1"));
        assertThat(f.storage.users().findByUsername("free_name")).isEmpty();
    }

    @Test
    void usernamesAreUniqueRegardlessOfCase() {
        existing("shop_1");
        signUp.sendVerificationCode("shop@host.com", "10.0.0.1");

        assertThatThrownBy(() -> register("SHOP_1", "100001", "10.0.0.1"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(failedAttempts()).isEqualTo(1);
        assertThat(register("Shop_2", "100001", "10.0.0.1").username()).isEqualTo("Shop_2");
    }

    /** Before the e-mail is verified a taken username answers exactly like a free one: the code is wrong. */
    @Test
    void theAnswerDoesNotRevealAUsernameBeforeTheEmailIsVerified() {
        existing("taken_name");
        assertWrongCode(() -> register("taken_name", "100001", "10.0.0.1"));
        assertWrongCode(() -> register("free_name", "100001", "10.0.0.2"));

        signUp.sendVerificationCode("shop@host.com", "10.0.0.1");
        assertWrongCode(() -> register("TAKEN_NAME", "999999", "10.0.0.3"));
        assertThat(failedAttempts()).isEqualTo(1);
        assertWrongCode(() -> register("free_name", "999999", "10.0.0.4"));
        assertThat(failedAttempts()).isEqualTo(2);
    }

    /** Registration attempts are limited per client address and per e-mail (5 a minute each), before anything is checked. */
    @Test
    void registrationIsRateLimitedPerAddressAndPerEmail() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            assertWrongCode(() -> signUp.register(new RegisterDistributorCommand("s" + n + "@host.com", "name_" + n,
                    "password1".toCharArray(), "123456", "10.9.9.9")));
        }
        assertThatThrownBy(() -> signUp.register(new RegisterDistributorCommand("s9@host.com", "name_9",
                "password1".toCharArray(), "123456", "10.9.9.9"))).as("a sixth attempt from one address")
                .isInstanceOf(RateLimitedException.class);

        for (int i = 0; i < 5; i++) {
            int n = i;
            assertWrongCode(() -> register("name_" + n, "123456", "172.16.0." + n));
        }
        assertThatThrownBy(() -> register("name_9", "123456", "172.16.0.9")).as("a sixth attempt for one e-mail")
                .isInstanceOf(RateLimitedException.class);

        f.clock.advance(Duration.ofMinutes(1));
        assertWrongCode(() -> register("name_9", "123456", "172.16.0.9"));
    }
}

package io.invitehub.application.accounts.port.in;

import io.invitehub.domain.shared.Language;
import io.invitehub.domain.user.User;

/** Self-service sign-up of distributors: an e-mail verification code, then a PENDING account. */
public interface DistributorSignUpUseCase {

    /**
     * Mails a six-digit code to the e-mail, in {@code language} (through the mail outbox: sent after commit,
     * retried while the mail server is down); a previous code for it stops working.
     *
     * @throws io.invitehub.domain.shared.RateLimitedException more than one request a minute per address or e-mail
     */
    void sendVerificationCode(String email, String clientAddress, Language language);

    /** {@link #sendVerificationCode(String, String, Language)} in the default language, zh-CN. */
    default void sendVerificationCode(String email, String clientAddress) {
        sendVerificationCode(email, clientAddress, Language.ZH_CN);
    }

    /**
     * Creates a PENDING distributor when the code matches; an admin approves it before it may act.
     *
     * @throws io.invitehub.domain.shared.DomainException VALIDATION_FAILED for a wrong, expired or exhausted code
     *         (also for malformed fields), CONFLICT for a taken username (regardless of case) or e-mail, said only
     *         with the right code and counted against it like a wrong one; RATE_LIMITED beyond 5 attempts a minute
     *         per client address or per e-mail
     */
    User register(RegisterDistributorCommand command);
}

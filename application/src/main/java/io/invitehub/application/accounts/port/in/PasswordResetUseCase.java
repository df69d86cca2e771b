package io.invitehub.application.accounts.port.in;

import io.invitehub.domain.shared.Language;

/**
 * Self-service password reset by e-mail (issue 16, ADR 41): a single-use, short-lived token mailed as a
 * link; using it sets a new password and ends every session (the token version).
 */
public interface PasswordResetUseCase {

    /**
     * Mails a reset link to the account with this e-mail, if there is one. The answer is the same whether
     * or not an account has the e-mail (no account enumeration); a malformed e-mail is refused.
     *
     * @throws io.invitehub.domain.shared.RateLimitedException over the limits per client address or per e-mail
     */
    void requestReset(String email, String clientAddress, Language language);

    /**
     * Sets the new password of the token's account; the token is used up and every token issued before
     * (sessions, other reset links) stops working.
     *
     * @throws io.invitehub.domain.shared.DomainException RESET_TOKEN_INVALID for an unknown, used or expired
     *         token; VALIDATION_FAILED for a password too short or too long
     * @throws io.invitehub.domain.shared.RateLimitedException over the limit per client address
     */
    void resetPassword(String token, char[] newPassword, String clientAddress);
}

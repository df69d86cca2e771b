package io.invitehub.application.accounts.port.out;

import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.Optional;

/** Storage of password-reset tokens, by their hash only (the token itself is only in the mail). */
public interface PasswordResets {

    /** The account with this e-mail, if any. */
    Optional<UserId> userWithEmail(Email email);

    /** Stores a token's hash for the user, valid until {@code expiresAt}. */
    void store(String tokenHash, UserId user, Instant expiresAt);

    /**
     * Uses the token: marks it used when it is unused and not expired at {@code now}, in one conditional
     * update, and answers its user; empty otherwise (unknown, used, expired: a second use always fails).
     */
    Optional<UserId> consume(String tokenHash, Instant now);

    /** Removes every other token of the user (after a reset, or when a new one is issued). */
    void discardFor(UserId user);
}

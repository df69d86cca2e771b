package io.invitehub.application.accounts.port.out;

import io.invitehub.domain.user.User;

import java.time.Instant;

/** Issues signed access tokens carrying the user's id, role, token version and the time its password was typed. */
public interface TokenIssuer {

    /**
     * A signed token for the user, valid from {@code now} for the configured lifetime but never after {@code notAfter};
     * {@code signedInAt} is when the session began (the password was typed), carried over by renewals.
     */
    IssuedToken issue(User user, Instant now, Instant signedInAt, Instant notAfter);

    /** A token for a session that begins {@code now}, valid for the configured lifetime. */
    default IssuedToken issue(User user, Instant now) {
        return issue(user, now, now, Instant.MAX);
    }

    record IssuedToken(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[***, expiresAt=" + expiresAt + "]";
        }
    }
}

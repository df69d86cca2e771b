package io.invitehub.application.accounts.port.out;

import io.invitehub.domain.user.User;

import java.time.Instant;

/** Issues signed access tokens carrying the user's id, role and token version. */
public interface TokenIssuer {

    /** A signed token for the user, valid from {@code now} for the configured lifetime. */
    IssuedToken issue(User user, Instant now);

    record IssuedToken(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[***, expiresAt=" + expiresAt + "]";
        }
    }
}

package io.invitehub.application.accounts.port.in;

import io.invitehub.domain.user.User;

/** Password login that issues an access token, and the check of that token on every request. */
public interface SignInUseCase {

    /**
     * @throws io.invitehub.domain.shared.RateLimitedException over the login limits per client address or per username
     * @throws io.invitehub.domain.shared.DomainException UNAUTHORIZED for unknown users and wrong passwords (same
     *         message and cost); FORBIDDEN, after a correct password, for a distributor that is not APPROVED
     */
    SignedIn login(String username, char[] password, String clientAddress);

    /**
     * The user a bearer token belongs to, as stored now.
     *
     * @throws io.invitehub.domain.shared.DomainException UNAUTHORIZED when the token is invalid, expired, of a
     *         deleted user or revoked (its token version is not the user's); FORBIDDEN for a distributor that is
     *         not APPROVED
     */
    User authenticate(String token);

    /**
     * A fresh token for the session of a valid {@code token}: same user, token version and sign-in time, valid for the
     * configured lifetime but never past the session's maximum since the password was typed (ADR 48).
     *
     * @throws io.invitehub.domain.shared.DomainException UNAUTHORIZED when the token is invalid, expired or revoked,
     *         or its session reached its maximum; FORBIDDEN for a distributor that is not APPROVED
     */
    SignedIn renew(String token);
}

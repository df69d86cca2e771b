package io.invitehub.application.accounts.port.out;

import io.invitehub.domain.user.UserId;

import java.time.Instant;

/** Checks access tokens issued by {@link TokenIssuer}: signature, algorithm, issuer and expiry. */
public interface TokenVerifier {

    /**
     * The token's claims.
     *
     * @throws io.invitehub.domain.shared.DomainException UNAUTHORIZED when the token is malformed, not signed
     *         with the configured secret and algorithm, or expired at {@code now}
     */
    Claims verify(String token, Instant now);

    /** {@code signedInAt}: when the session began (a token from before sessions were tracked: when it was issued). */
    record Claims(UserId userId, int tokenVersion, Instant expiresAt, Instant signedInAt) {
    }
}

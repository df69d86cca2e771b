package io.invitehub.application.fakes;

import io.invitehub.application.accounts.port.out.TokenIssuer;
import io.invitehub.application.accounts.port.out.TokenVerifier;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Duration;
import java.time.Instant;

/**
 * TEST ONLY. Unsigned readable tokens {@code fake.<user id>.<token version>.<expiry epoch second>.<session start epoch
 * second>}, with the expiry checked like the real verifier and capped like the real issuer. Protects nothing.
 */
public final class FakeTokens implements TokenIssuer, TokenVerifier {
    private final Duration lifetime;

    public FakeTokens(Duration lifetime) {
        this.lifetime = lifetime;
    }

    @Override
    public IssuedToken issue(User user, Instant now, Instant signedInAt, Instant notAfter) {
        Instant expiresAt = now.plus(lifetime);
        if (notAfter.isBefore(expiresAt)) {
            expiresAt = notAfter;
        }
        return new IssuedToken("fake." + user.id().value() + "." + user.tokenVersion() + "." + expiresAt.getEpochSecond() + "."
                + signedInAt.getEpochSecond(), expiresAt);
    }

    @Override
    public Claims verify(String token, Instant now) {
        String[] parts = token.split("\\.");
        if (parts.length != 5 || !parts[0].equals("fake")) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "The token is not valid.");
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
        if (!now.isBefore(expiresAt)) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "The token has expired; sign in again.");
        }
        return new Claims(new UserId(Long.parseLong(parts[1])), Integer.parseInt(parts[2]), expiresAt,
                Instant.ofEpochSecond(Long.parseLong(parts[4])));
    }
}

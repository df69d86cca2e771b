package io.invitehub.adapter.out.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.invitehub.application.accounts.port.out.TokenIssuer;
import io.invitehub.application.accounts.port.out.TokenVerifier;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Objects;

/**
 * HS256 JWTs with Nimbus JOSE+JWT (ADR 9). Claims: {@code sub} (user id), {@code role}, {@code ver}
 * (the user's token version), {@code sat} (when the session began: the password was typed; renewals carry it
 * over, ADR 48), {@code iss}, {@code iat}, {@code exp}. Only HS256 with this secret and
 * issuer is accepted ({@code alg: none} and other algorithms are refused before any signature check).
 */
public final class JwtTokens implements TokenIssuer, TokenVerifier {
    public static final int MIN_SECRET_BYTES = 32;
    static final String ISSUER = "invitehub";
    /** The session's start, in seconds since the epoch. */
    static final String SIGNED_IN_AT = "sat";
    private static final String INVALID = "The token is not valid; sign in again.";

    private final byte[] secret;
    private final Duration lifetime;

    public JwtTokens(byte[] secret, Duration lifetime) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the JWT secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("the token lifetime must be positive");
        }
        this.secret = Arrays.copyOf(secret, secret.length);
        this.lifetime = lifetime;
    }

    @Override
    public IssuedToken issue(User user, Instant now, Instant signedInAt, Instant notAfter) {
        Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
        Instant expiresAt = issuedAt.plus(lifetime);
        if (notAfter.isBefore(expiresAt)) {
            expiresAt = Instant.ofEpochSecond(notAfter.getEpochSecond());
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(Long.toString(user.id().value()))
                .claim("role", user.role().name())
                .claim("ver", user.tokenVersion())
                .claim(SIGNED_IN_AT, signedInAt.getEpochSecond())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
        return new IssuedToken(jwt.serialize(), expiresAt);
    }

    @Override
    public Claims verify(String token, Instant now) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(secret))) {
                throw invalid();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            Long version = claims.getLongClaim("ver");
            if (!ISSUER.equals(claims.getIssuer()) || expiry == null || claims.getSubject() == null || version == null) {
                throw invalid();
            }
            if (!now.isBefore(expiry.toInstant())) {
                throw new DomainException(ErrorCode.UNAUTHORIZED, "The token has expired; sign in again.");
            }
            Long signedInAt = claims.getLongClaim(SIGNED_IN_AT);
            Date issued = claims.getIssueTime();
            if (signedInAt == null && issued == null) {
                throw invalid();
            }
            // a token from before sessions were tracked began its session when it was issued
            Instant sessionStart = signedInAt != null ? Instant.ofEpochSecond(signedInAt) : issued.toInstant();
            return new Claims(new UserId(Long.parseLong(claims.getSubject())), Math.toIntExact(version), expiry.toInstant(), sessionStart);
        } catch (ParseException | JOSEException | IllegalArgumentException | ArithmeticException malformed) {
            throw invalid();
        }
    }

    private static DomainException invalid() {
        return new DomainException(ErrorCode.UNAUTHORIZED, INVALID);
    }

    @Override
    public String toString() {
        return "JwtTokens[HS256, secret=***, lifetime=" + lifetime + "]";
    }
}

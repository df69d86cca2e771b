package io.invitehub.adapter.out.security;

import io.invitehub.application.accounts.port.out.TokenIssuer;
import io.invitehub.application.accounts.port.out.TokenVerifier;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtTokensTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00.700Z");
    private static final User SHOP = User.restore(new UserId(42), "shop", "s@host.com", Role.DISTRIBUTOR, Approval.APPROVED, "h", 3);

    private final JwtTokens tokens = new JwtTokens(SECRET, Duration.ofMinutes(60));

    private static void assertInvalid(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void anIssuedTokenVerifiesToItsClaims() {
        TokenIssuer.IssuedToken token = tokens.issue(SHOP, NOW);

        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2025-03-01T11:00:00Z"));
        assertThat(tokens.verify(token.value(), NOW))
                .isEqualTo(new TokenVerifier.Claims(new UserId(42), 3, Instant.parse("2025-03-01T11:00:00Z"), Instant.parse("2025-03-01T10:00:00Z")));
        String header = new String(Base64.getUrlDecoder().decode(token.value().split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).isEqualTo("{\"alg\":\"HS256\"}");
        String payload = new String(Base64.getUrlDecoder().decode(token.value().split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"sub\":\"42\"", "\"role\":\"DISTRIBUTOR\"", "\"ver\":3", "\"iss\":\"invitehub\"",
                "\"exp\":" + Instant.parse("2025-03-01T11:00:00Z").getEpochSecond(), "\"sat\":" + Instant.parse("2025-03-01T10:00:00Z").getEpochSecond());
        assertThat(token.toString()).doesNotContain(token.value());
    }

    @Test
    void aRenewedTokenKeepsItsSessionStartAndEndsNoLaterThanTheSessionMaximum() {
        Instant signedIn = Instant.parse("2025-03-01T00:30:00Z");
        Instant sessionEnd = Instant.parse("2025-03-01T10:30:00Z");

        TokenIssuer.IssuedToken renewed = tokens.issue(SHOP, NOW, signedIn, sessionEnd);

        assertThat(renewed.expiresAt()).as("capped by the session's end, not the hour of the lifetime").isEqualTo(sessionEnd);
        TokenVerifier.Claims claims = tokens.verify(renewed.value(), NOW);
        assertThat(claims.signedInAt()).isEqualTo(signedIn);
        assertThat(claims.expiresAt()).isEqualTo(sessionEnd);
        assertThat(tokens.issue(SHOP, NOW, signedIn, Instant.parse("2025-03-02T00:00:00Z")).expiresAt())
                .as("a session far from its end gets the whole lifetime").isEqualTo(Instant.parse("2025-03-01T11:00:00Z"));
    }

    @Test
    void aTokenFromBeforeSessionsBeganItsSessionWhenItWasIssued() throws Exception {
        com.nimbusds.jwt.JWTClaimsSet old = new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer("invitehub").subject("42")
                .claim("role", "DISTRIBUTOR").claim("ver", 3).issueTime(java.util.Date.from(Instant.parse("2025-03-01T09:45:00Z")))
                .expirationTime(java.util.Date.from(Instant.parse("2025-03-01T10:45:00Z"))).build();
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256), old);
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(SECRET));

        assertThat(tokens.verify(jwt.serialize(), NOW).signedInAt()).isEqualTo(Instant.parse("2025-03-01T09:45:00Z"));
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = tokens.issue(SHOP, NOW).value();

        assertThat(tokens.verify(token, Instant.parse("2025-03-01T10:59:59Z")).userId()).isEqualTo(new UserId(42));
        assertInvalid(() -> tokens.verify(token, Instant.parse("2025-03-01T11:00:00Z")), "The token has expired; sign in again.");
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = tokens.issue(SHOP, NOW).value();
        String[] parts = token.split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"sub\":\"42\"", "\"sub\":\"1\"")
                        .getBytes(StandardCharsets.UTF_8));

        assertInvalid(() -> tokens.verify(parts[0] + "." + forgedPayload + "." + parts[2], NOW), "The token is not valid; sign in again.");
        assertInvalid(() -> tokens.verify(token.substring(0, token.length() - 2) + "xx", NOW), "The token is not valid; sign in again.");
        assertInvalid(() -> tokens.verify("not-a-jwt", NOW), "The token is not valid; sign in again.");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        JwtTokens other = new JwtTokens("another-secret-of-thirty-two-byt".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(60));

        assertInvalid(() -> tokens.verify(other.issue(SHOP, NOW).value(), NOW), "The token is not valid; sign in again.");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String payload = tokens.issue(SHOP, NOW).value().split("\\.")[1];
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));

        assertInvalid(() -> tokens.verify(none + "." + payload + ".", NOW), "The token is not valid; sign in again.");
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new JwtTokens(new byte[31], Duration.ofMinutes(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the JWT secret must have at least 32 bytes");
    }

    @Test
    void verificationCodesAreSixDigits() {
        SecureRandomVerificationCodes codes = new SecureRandomVerificationCodes();
        for (int i = 0; i < 200; i++) {
            assertThat(codes.sixDigits()).matches("^[0-9]{6}$");
        }
    }
}

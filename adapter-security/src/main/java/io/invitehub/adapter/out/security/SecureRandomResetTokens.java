package io.invitehub.adapter.out.security;

import io.invitehub.application.accounts.port.out.ResetTokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Password-reset tokens: 256 bits from {@link SecureRandom} as base64url, stored as their SHA-256 (hex). A
 * fast hash is enough here: the token is random and long, so there is nothing to guess from the hash (unlike
 * a password, which needs bcrypt).
 */
public final class SecureRandomResetTokens implements ResetTokens {
    private final SecureRandom random = new SecureRandom();

    @Override
    public Issued issue() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Issued(token, hash(token));
    }

    @Override
    public String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

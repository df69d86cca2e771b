package io.invitehub.adapter.out.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import io.invitehub.application.accounts.port.out.PasswordHasher;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * bcrypt through {@code at.favre.lib:bcrypt}, producing standard {@code $2b$<cost>$…} strings
 * (60 characters) and verifying {@code $2a$}, {@code $2b$} and {@code $2y$} hashes.
 *
 * <p><b>Passwords longer than bcrypt's limit.</b> bcrypt only reads the first 72 bytes of its input
 * (71 UTF-8 bytes of password plus the terminating zero for {@code $2b$}); most libraries silently
 * ignore the rest, so two long passwords sharing a prefix would both match. This hasher uses the
 * library's {@link LongPasswordStrategies#hashSha512 SHA-512 strategy}: a password longer than the
 * limit is first reduced with SHA-512 and the digest is fed to bcrypt, so every byte of it counts.
 * Passwords within the limit are hashed exactly as by any other bcrypt implementation. The
 * consequence: a hash of an over-long password made here does not verify in a library that
 * truncates, and an over-long password hashed elsewhere (truncated) does not verify here; both are
 * rare (the HTTP layer should cap password length anyway) and preferable to silent truncation.
 *
 * <p>{@link #matches} never throws for a bad stored hash: null, malformed, or of an unsupported
 * version all give {@code false}. The caller's {@code char[]} is neither kept nor cleared.
 * Thread-safe.
 */
public final class BcryptPasswordHasher implements PasswordHasher {
    public static final int DEFAULT_COST = 10;
    /** The lowest cost bcrypt allows; meant for tests only. */
    public static final int MIN_COST = BCrypt.MIN_COST;
    public static final int MAX_COST = BCrypt.MAX_COST;

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;
    private static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.hashSha512(VERSION);

    private final int cost;
    private final BCrypt.Hasher hasher;
    private final BCrypt.Verifyer verifyer;

    /** With {@link #DEFAULT_COST}. */
    public BcryptPasswordHasher() {
        this(DEFAULT_COST);
    }

    /** @param cost the log2 of the number of rounds, {@value #MIN_COST} (tests) to {@value #MAX_COST} */
    public BcryptPasswordHasher(int cost) {
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be within [" + MIN_COST + ", " + MAX_COST + "], got " + cost);
        }
        this.cost = cost;
        this.hasher = BCrypt.with(VERSION, new SecureRandom(), LONG_PASSWORDS);
        this.verifyer = BCrypt.verifyer(VERSION, LONG_PASSWORDS);
    }

    public int cost() {
        return cost;
    }

    @Override
    public String hash(char[] password) {
        Objects.requireNonNull(password, "password");
        return hasher.hashToString(cost, password);
    }

    @Override
    public boolean matches(char[] password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        try {
            BCrypt.Result result = verifyer.verify(password, hash);
            return result.validFormat && result.verified;
        } catch (RuntimeException malformed) {
            return false;
        }
    }
}

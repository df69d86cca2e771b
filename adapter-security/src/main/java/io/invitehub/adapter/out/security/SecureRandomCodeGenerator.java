package io.invitehub.adapter.out.security;

import io.invitehub.application.shared.port.out.CodeGenerator;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeAlphabet;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;

/**
 * Draws redeem codes from {@link SecureRandom}: the configured prefix, then {@code randomLength}
 * characters chosen uniformly (bytes by rejection, without modulo bias) from {@link CodeAlphabet#CHARACTERS}, then the
 * check character appended by {@link Code#compose}.
 *
 * <p>With the defaults (prefix {@value #DEFAULT_PREFIX}, {@value #DEFAULT_RANDOM_LENGTH} random
 * characters) a code has 14 characters and displays as {@code HBxx-xxxx-xxxx-xx}; the random part
 * carries 11 × log2(31) ≈ 54.5 bits. Uniqueness is still the database's job (unique index, regenerate
 * on conflict). Thread-safe.
 */
public final class SecureRandomCodeGenerator implements CodeGenerator {
    /**
     * "HB" (invite-Hub). Not "IH": {@code I} is a look-alike that {@link CodeAlphabet} excludes, so a
     * code starting with it could never be typed back or parsed.
     */
    public static final String DEFAULT_PREFIX = "HB";
    public static final int DEFAULT_RANDOM_LENGTH = 11;
    public static final int MIN_RANDOM_LENGTH = 8;
    /** The largest multiple of the alphabet's size that a byte can hold: bytes from here on would bias. */
    static final int ACCEPT_BELOW = 256 / CodeAlphabet.SIZE * CodeAlphabet.SIZE;

    private final String prefix;
    private final int randomLength;
    private final SecureRandom random;

    /** Prefix {@value #DEFAULT_PREFIX}, {@value #DEFAULT_RANDOM_LENGTH} random characters. */
    public SecureRandomCodeGenerator() {
        this(DEFAULT_PREFIX, DEFAULT_RANDOM_LENGTH);
    }

    /**
     * @param prefix       characters of {@link CodeAlphabet#CHARACTERS} only (lower case accepted and
     *                     upper-cased; may be empty)
     * @param randomLength at least {@value #MIN_RANDOM_LENGTH}; prefix + random part + check character
     *                     must fit {@link Code#MAX_LENGTH}
     */
    public SecureRandomCodeGenerator(String prefix, int randomLength) {
        this(prefix, randomLength, new SecureRandom());
    }

    /** As {@link #SecureRandomCodeGenerator(String, int)} with a chosen {@link SecureRandom} instance. */
    public SecureRandomCodeGenerator(String prefix, int randomLength, SecureRandom random) {
        Objects.requireNonNull(prefix, "prefix");
        String normalised = prefix.toUpperCase(Locale.ROOT);
        for (int i = 0; i < normalised.length(); i++) {
            if (!CodeAlphabet.contains(normalised.charAt(i))) {
                throw new IllegalArgumentException("code prefix may only use the characters "
                        + CodeAlphabet.CHARACTERS + ", got '" + prefix + "'");
            }
        }
        if (randomLength < MIN_RANDOM_LENGTH) {
            throw new IllegalArgumentException("random length must be at least " + MIN_RANDOM_LENGTH + ", got " + randomLength);
        }
        if (normalised.length() + randomLength + 1 > Code.MAX_LENGTH) {
            throw new IllegalArgumentException("prefix, random part and check character exceed "
                    + Code.MAX_LENGTH + " characters");
        }
        this.prefix = normalised;
        this.randomLength = randomLength;
        this.random = Objects.requireNonNull(random, "random");
    }

    public String prefix() {
        return prefix;
    }

    public int randomLength() {
        return randomLength;
    }

    /**
     * One {@link SecureRandom#nextBytes} call per code (the generator's cost is its calls, each one
     * synchronised and mixing in the operating system's randomness: one call per character made it
     * ~40 % of a 100 000-code fulfilment's Java time). A byte below {@value #ACCEPT_BELOW} (8 × 31) picks
     * character {@code byte mod 31}, uniformly; larger bytes are skipped (3 %), and a rare short draw
     * is topped up by another call.
     */
    @Override
    public Code next() {
        char[] body = new char[randomLength];
        byte[] bytes = new byte[randomLength + randomLength / 4 + 2];
        int filled = 0;
        while (filled < randomLength) {
            random.nextBytes(bytes);
            for (int i = 0; i < bytes.length && filled < randomLength; i++) {
                int value = bytes[i] & 0xFF;
                if (value < ACCEPT_BELOW) {
                    body[filled++] = CodeAlphabet.at(value % CodeAlphabet.SIZE);
                }
            }
        }
        return Code.compose(prefix, new String(body));
    }
}

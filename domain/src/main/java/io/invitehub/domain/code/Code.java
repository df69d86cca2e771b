package io.invitehub.domain.code;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.util.Locale;

/**
 * A redeem code in normal form: upper-case, without spaces or hyphens, every character in
 * {@link CodeAlphabet}, the last one a valid check character. {@link #toString()} masks it.
 */
public record Code(String value) {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 40;
    public static final int GROUP = 4;

    public Code {
        if (value == null) {
            throw DomainException.invalid(ErrorCode.INVALID_CODE, "code is required");
        }
        value = normalise(value);
        if (value.isEmpty()) {
            throw DomainException.invalid(ErrorCode.INVALID_CODE, "code is required");
        }
        if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw DomainException.invalid(ErrorCode.INVALID_CODE, "code has the wrong length");
        }
        for (int i = 0; i < value.length(); i++) {
            if (!CodeAlphabet.contains(value.charAt(i))) {
                throw DomainException.invalid(ErrorCode.INVALID_CODE, "code contains a character that codes never contain");
            }
        }
        if (!CodeAlphabet.hasValidCheckCharacter(value)) {
            throw DomainException.invalid(ErrorCode.INVALID_CODE, "code is mistyped (check character does not match)");
        }
    }

    /** Parses what a person typed: surrounding blanks, lower case, spaces and hyphens are accepted. */
    public static Code parse(String raw) {
        return new Code(raw);
    }

    /** Builds a code from a prefix and a random body (both in the alphabet), appending the check character. */
    public static Code compose(String prefix, String randomBody) {
        String payload = normalise(prefix) + normalise(randomBody);
        for (int i = 0; i < payload.length(); i++) {
            if (!CodeAlphabet.contains(payload.charAt(i))) {
                throw new IllegalArgumentException("prefix and body must use only the code alphabet "
                        + CodeAlphabet.CHARACTERS + " (no 0, O, 1, I, L): '" + payload.charAt(i) + "'");
            }
        }
        return new Code(payload + CodeAlphabet.checkCharacter(payload));
    }

    static String normalise(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        String upper = raw.trim().toUpperCase(Locale.ROOT);
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (c != '-' && !Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Grouped for reading: {@code DBUY-7KQ3-M9XH-2RTW}. */
    public String display() {
        StringBuilder out = new StringBuilder(value.length() + value.length() / GROUP);
        for (int i = 0; i < value.length(); i++) {
            if (i > 0 && i % GROUP == 0) {
                out.append('-');
            }
            out.append(value.charAt(i));
        }
        return out.toString();
    }

    /** Safe for logs: a quarter of the characters (at most 4) kept at each end, the rest hidden. */
    public String masked() {
        int keep = Math.min(GROUP, value.length() / 4);
        return value.substring(0, keep) + "…" + value.substring(value.length() - keep);
    }

    @Override
    public String toString() {
        return masked();
    }
}

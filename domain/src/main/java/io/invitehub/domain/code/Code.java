package io.invitehub.domain.code;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.util.Locale;
import java.util.Optional;

/**
 * A redeem code in normal form: trimmed, upper-case, without spaces or hyphens. {@link #toString()}
 * masks it.
 *
 * <p>Two shapes (ADR 32). A <b>generated</b> code — every code InviteHub makes — has 8 to 40
 * characters of {@link CodeAlphabet}, the last one a valid check character, so a typo is caught
 * without a lookup. A <b>legacy</b> code is one imported from the reference system, which had no check
 * character and used any letter, digit and {@code _} ({@code D5_…}, {@code GIFT_D…}, {@code BUY_…}):
 * 8 to 50 letters, digits or {@code _ . ~ ! * + = : @ $}. Parsing accepts the legacy shape only as a
 * candidate for an exact lookup among imported codes ({@link #legacy()}); when none matches, the
 * answer is the refusal the generated rules give ({@link #unknown()}), as before any import.
 */
public record Code(String value) {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 40;
    /** The longest imported code: the reference's column width (String(50)). */
    public static final int LEGACY_MAX_LENGTH = 50;
    public static final int GROUP = 4;
    /** Besides letters and digits, the characters a legacy code may hold: none has a meaning in a URL path. */
    static final String LEGACY_SYMBOLS = "_.~!*+=:@$";

    public Code {
        if (value == null) {
            throw DomainException.invalid(ErrorCode.INVALID_CODE, "code is required");
        }
        value = normalise(value);
        if (value.isEmpty()) {
            throw DomainException.invalid(ErrorCode.INVALID_CODE, "code is required");
        }
        Optional<String> defect = generatedDefect(value);
        if (defect.isPresent() && !hasLegacyShape(value)) {
            throw DomainException.invalid(ErrorCode.INVALID_CODE, defect.get());
        }
    }

    /**
     * Parses what a person typed: surrounding blanks, lower case, spaces and hyphens are accepted. A
     * mistyped generated code that also has the legacy shape comes back as a {@link #legacy()} code:
     * only an imported code can match it, and {@link #unknown()} gives the generated refusal.
     */
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

    /** Why {@code normal} is not a generated code, or empty when it is one. */
    private static Optional<String> generatedDefect(String normal) {
        if (normal.length() < MIN_LENGTH || normal.length() > MAX_LENGTH) {
            return Optional.of("code has the wrong length");
        }
        for (int i = 0; i < normal.length(); i++) {
            if (!CodeAlphabet.contains(normal.charAt(i))) {
                return Optional.of("code contains a character that codes never contain");
            }
        }
        if (!CodeAlphabet.hasValidCheckCharacter(normal)) {
            return Optional.of("code is mistyped (check character does not match)");
        }
        return Optional.empty();
    }

    /** 8 to 50 code points, each a letter, a digit or one of {@link #LEGACY_SYMBOLS}. */
    static boolean hasLegacyShape(String normal) {
        int length = normal.codePointCount(0, normal.length());
        if (length < MIN_LENGTH || length > LEGACY_MAX_LENGTH) {
            return false;
        }
        return normal.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || LEGACY_SYMBOLS.indexOf(c) >= 0);
    }

    /** True for a code of the reference's shape (imported, or typed and to be looked up among imported codes). */
    public boolean legacy() {
        return generatedDefect(value).isPresent();
    }

    /**
     * The refusal when no stored code has this value: for a generated code "does not exist" (404); for a
     * legacy-shaped one the reason it is not a generated code (400), the answer given before imports existed.
     */
    public DomainException unknown() {
        return generatedDefect(value)
                .map(defect -> DomainException.invalid(ErrorCode.INVALID_CODE, defect))
                .orElseGet(() -> new DomainException(ErrorCode.INVALID_CODE, "This code does not exist."));
    }

    /** Grouped for reading: {@code DBUY-7KQ3-M9XH-2RTW}; a legacy code as it was printed by the reference. */
    public String display() {
        if (legacy()) {
            return value;
        }
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

package io.invitehub.domain.crm;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A distributor's tag on a customer (CRM lite, SPEC section 9): normalised so that the same word is one
 * tag however it was typed — Unicode NFKC, trimmed, lower case, runs of blanks, hyphens and underscores
 * turned into one hyphen — then 1 to {@value #MAX_LENGTH} letters (any script), digits, hyphens and dots,
 * starting with a letter or digit. Commas never occur (the tag filter separates tags with them).
 */
public record Tag(String value) {
    public static final int MAX_LENGTH = 32;
    /** The most tags one customer may carry. */
    public static final int MAX_PER_CUSTOMER = 20;
    /** The most tags one list filter may name (all of them must be carried). */
    public static final int MAX_IN_FILTER = 5;

    public Tag {
        if (value == null || !isNormal(value)) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "a tag is 1 to " + MAX_LENGTH
                    + " letters, digits, hyphens and dots, starting with a letter or digit");
        }
    }

    /** The tag a person typed, normalised; VALIDATION_FAILED when nothing valid is left. */
    public static Tag parse(String typed) {
        if (typed == null) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "tag is required");
        }
        String text = Normalizer.normalize(typed, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT)
                .replaceAll("[\\s_\\-]+", "-");
        return new Tag(text);
    }

    private static boolean isNormal(String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH || !Character.isLetterOrDigit(value.codePointAt(0))) {
            return false;
        }
        return value.codePoints().allMatch(c -> (Character.isLetterOrDigit(c) && (Character.toLowerCase(c) == c || !Character.isUpperCase(c)))
                || c == '-' || c == '.');
    }

    @Override
    public String toString() {
        return value;
    }
}

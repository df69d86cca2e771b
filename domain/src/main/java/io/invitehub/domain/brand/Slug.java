package io.invitehub.domain.brand;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The name of a distributor's brand in its own link ({@code /r/<slug>/<code>}, SPEC section 9): 3 to 32
 * lower-case letters, digits and inner hyphens. Typed slugs are trimmed and lower-cased, so two slugs that
 * differ only in case are the same slug. Words the platform keeps ({@link #RESERVED}) are refused when a
 * distributor chooses them, and stepped around by the default ({@link #defaultFor}).
 */
public record Slug(String value) {
    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 32;
    private static final Pattern SHAPE = Pattern.compile("^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$");
    private static final Pattern OTHER_CHARACTERS = Pattern.compile("[^a-z0-9]+");

    /** The platform's own words; the same list as the SQL function {@code distributor_reserved_slugs()} (R__distributor_brands.sql). */
    public static final Set<String> RESERVED = Set.of("admin", "admins", "api", "assets", "console", "favicon", "health", "help",
            "invite", "invitehub", "login", "logout", "official", "platform", "public", "reference", "register", "root", "shop",
            "sign-in", "sign-up", "signin", "signup", "staff", "static", "support", "system", "webjars", "www");

    public Slug {
        Objects.requireNonNull(value, "value");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a slug: " + value);
        }
    }

    /**
     * A slug as a distributor types it: trimmed and lower-cased, then checked.
     *
     * @throws DomainException VALIDATION_FAILED (field {@code slug}) for a malformed one, SLUG_RESERVED for a reserved word
     */
    public static Slug parse(String raw) {
        String value = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (!SHAPE.matcher(value).matches()) {
            throw MalformedInputException.field(ErrorCode.VALIDATION_FAILED, "slug", "slug must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " lower-case letters, digits or hyphens, starting and ending with a letter or digit");
        }
        if (RESERVED.contains(value)) {
            throw MalformedInputException.field(ErrorCode.SLUG_RESERVED, "slug", "'" + value + "' is reserved for the platform; choose another slug");
        }
        return new Slug(value);
    }

    /**
     * The slug a distributor starts with: its username in the slug alphabet (lower case, each run of other
     * characters one hyphen, at most {@link #MAX_LENGTH}, no hyphen at either end), {@code d-<id>} when that
     * leaves fewer than {@link #MIN_LENGTH} characters; a reserved or {@code taken} one gets {@code -2}, {@code -3}, …
     * The SQL function {@code distributor_default_slug} applies the same rule when a distributor is created.
     */
    public static Slug defaultFor(String username, long id, Predicate<String> taken) {
        String base = trimHyphens(cut(trimHyphens(OTHER_CHARACTERS.matcher(username.toLowerCase(Locale.ROOT)).replaceAll("-")), MAX_LENGTH));
        if (base.length() < MIN_LENGTH) {
            base = "d-" + id;
        }
        String candidate = base;
        for (int n = 2; RESERVED.contains(candidate) || taken.test(candidate); n++) {
            String suffix = "-" + n;
            candidate = trimHyphens(cut(base, MAX_LENGTH - suffix.length())) + suffix;
        }
        return new Slug(candidate);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String trimHyphens(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }

    @Override
    public String toString() {
        return value;
    }
}

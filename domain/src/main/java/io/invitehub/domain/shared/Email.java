package io.invitehub.domain.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/** An e-mail address, trimmed and lower-cased. {@link #toString()} masks it. */
public record Email(String value) {
    /** local@label.label…: no blanks or separators, no empty domain label, no dot at the edges of the local part. */
    private static final Pattern SHAPE = Pattern.compile(
            "^(?!\\.)(?!.*\\.\\.)[^@\\s,;<>()\\[\\]\"]+(?<!\\.)@(?:[^@\\s,;<>()\\[\\]\".]+\\.)+[^@\\s,;<>()\\[\\]\".]+$");
    public static final int MAX_LENGTH = 254;

    public Email {
        if (value == null) {
            throw DomainException.invalid(ErrorCode.INVALID_EMAIL, "e-mail is required");
        }
        value = value.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            throw DomainException.invalid(ErrorCode.INVALID_EMAIL, "e-mail is required");
        }
        if (value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
            throw DomainException.invalid(ErrorCode.INVALID_EMAIL, "not a valid e-mail address");
        }
    }

    public static Email of(String raw) {
        return new Email(raw);
    }

    public String domain() {
        return value.substring(value.indexOf('@') + 1);
    }

    /** {@code alice@host.com} becomes {@code a***e@host.com}. */
    public String masked() {
        int at = value.indexOf('@');
        String local = value.substring(0, at);
        String last = local.length() > 1 ? local.substring(local.length() - 1) : "";
        return local.charAt(0) + "***" + last + value.substring(at);
    }

    @Override
    public String toString() {
        return masked();
    }
}

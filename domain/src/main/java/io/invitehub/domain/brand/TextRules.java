package io.invitehub.domain.brand;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** The checks the brands share: one-line names, plain text with line breaks, https image URLs; blank means none. */
final class TextRules {
    static final int MAX_URL = 500;

    private TextRules() {
    }

    /** Trimmed one-line text of at most {@code max} characters, empty when blank. */
    static Optional<String> line(Optional<String> value, String field, int max) {
        Optional<String> text = value.map(String::strip).filter(s -> !s.isEmpty());
        if (text.filter(t -> t.codePointCount(0, t.length()) > max || hasControl(t, false)).isPresent()) {
            throw invalid(field, field + " must be one line of at most " + max + " characters");
        }
        return text;
    }

    /** Trimmed plain text (line breaks as {@code \n}) of at most {@code max} characters, empty when blank. */
    static Optional<String> prose(Optional<String> value, String field, int max) {
        Optional<String> text = value.map(t -> t.replace("\r\n", "\n").replace('\r', '\n').strip()).filter(s -> !s.isEmpty());
        if (text.filter(t -> t.codePointCount(0, t.length()) > max || hasControl(t, true)).isPresent()) {
            throw invalid(field, field + " must be plain text of at most " + max + " characters");
        }
        return text;
    }

    /** An {@code https://host/…} URL of at most {@link #MAX_URL} characters, without credentials or blanks; empty when blank. */
    static Optional<String> httpsUrl(Optional<String> value, String field) {
        Optional<String> url = value.map(String::strip).filter(s -> !s.isEmpty());
        url.ifPresent(u -> {
            String refusal = field + " must be an https URL of at most " + MAX_URL + " characters (https://host/path)";
            if (u.length() > MAX_URL || hasControl(u, false) || u.chars().anyMatch(Character::isWhitespace) || !u.startsWith("https://")) {
                throw invalid(field, refusal);
            }
            try {
                URI uri = new URI(u);
                if (uri.getHost() == null || uri.getRawUserInfo() != null) {
                    throw invalid(field, refusal);
                }
            } catch (URISyntaxException e) {
                throw invalid(field, refusal);
            }
        });
        return url;
    }

    private static boolean hasControl(String s, boolean lineBreaks) {
        return s.chars().anyMatch(c -> Character.isISOControl(c) && !(lineBreaks && c == '\n'));
    }

    private static DomainException invalid(String field, String message) {
        return MalformedInputException.field(ErrorCode.VALIDATION_FAILED, field, message);
    }
}

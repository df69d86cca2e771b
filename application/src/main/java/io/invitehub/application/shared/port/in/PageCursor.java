package io.invitehub.application.shared.port.in;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * An opaque keyset cursor: which list it belongs to ({@code kind}) and the sort key of the last row
 * of a page. Encoded as base64url (no padding) of {@code v1|kind|key1|key2…|crc}, where {@code crc} is
 * the CRC-32 (hex) of everything before it, so a garbled or edited cursor is refused with
 * VALIDATION_FAILED instead of silently moving the page. Not a secret: a cursor only positions the
 * caller inside lists the caller may read anyway.
 */
public final class PageCursor {
    private static final String VERSION = "v1";
    private static final int MAX_TEXT = 512;
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.:+-]{1,64}");

    private final String kind;
    private final List<String> keys;

    private PageCursor(String kind, List<String> keys) {
        this.kind = kind;
        this.keys = List.copyOf(keys);
    }

    /** A cursor of list {@code kind} positioned after the row with these sort keys. */
    public static PageCursor of(String kind, Object... keys) {
        List<String> parts = new ArrayList<>();
        requirePart(kind);
        for (Object key : keys) {
            String part = String.valueOf(Objects.requireNonNull(key, "key"));
            requirePart(part);
            parts.add(part);
        }
        return new PageCursor(kind, parts);
    }

    /** Parses a client's cursor; anything not produced by {@link #encode()} is VALIDATION_FAILED. */
    public static PageCursor parse(String text) {
        if (text == null || text.length() > MAX_TEXT) {
            throw invalid();
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] parts = decoded.split("\\|", -1);
        if (parts.length < 3 || !VERSION.equals(parts[0])) {
            throw invalid();
        }
        int crcAt = decoded.lastIndexOf('|');
        if (!crc(decoded.substring(0, crcAt)).equals(parts[parts.length - 1])) {
            throw invalid();
        }
        List<String> keys = new ArrayList<>();
        for (int i = 2; i < parts.length - 1; i++) {
            if (!PART.matcher(parts[i]).matches()) {
                throw invalid();
            }
            keys.add(parts[i]);
        }
        if (!PART.matcher(parts[1]).matches()) {
            throw invalid();
        }
        return new PageCursor(parts[1], keys);
    }

    public String encode() {
        StringBuilder body = new StringBuilder(VERSION).append('|').append(kind);
        keys.forEach(k -> body.append('|').append(k));
        String text = body + "|" + crc(body.toString());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The keys when this cursor belongs to list {@code expectedKind} and has {@code count} keys; else VALIDATION_FAILED. */
    public List<String> keysOf(String expectedKind, int count) {
        if (!kind.equals(expectedKind) || keys.size() != count) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "the cursor belongs to another list");
        }
        return keys;
    }

    public long longKey(String expectedKind, int count, int index) {
        try {
            return Long.parseLong(keysOf(expectedKind, count).get(index));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    public String kind() {
        return kind;
    }

    public List<String> keys() {
        return keys;
    }

    private static String crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }

    private static void requirePart(String part) {
        if (!PART.matcher(part).matches()) {
            throw new IllegalArgumentException("cursor part not encodable: " + part);
        }
    }

    private static DomainException invalid() {
        return DomainException.invalid(ErrorCode.VALIDATION_FAILED, "the cursor is not valid; start again from the first page");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PageCursor && ((PageCursor) o).kind.equals(kind) && ((PageCursor) o).keys.equals(keys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, keys);
    }

    @Override
    public String toString() {
        return "PageCursor[" + kind + ", " + keys + "]";
    }
}

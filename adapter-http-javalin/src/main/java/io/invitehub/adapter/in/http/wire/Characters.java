package io.invitehub.adapter.in.http.wire;

import java.util.Locale;

/**
 * The characters no string may carry past the edge: NUL (PostgreSQL cannot store it in text and answers
 * an error), every other C0 and C1 control character and DEL (invisible, and they break logs and CSV), and
 * unpaired UTF-16 surrogates (not characters at all). Free text may keep tab, line feed and carriage
 * return. Printable values (e-mails, codes) also refuse format characters (zero-width and bidi
 * controls), line and paragraph separators and, for e-mails, blanks.
 */
final class Characters {
    private Characters() {
    }

    /** The first character a string may not carry, described, or null when there is none. */
    static String firstRefused(String s, boolean lineBreaksAllowed) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "an unpaired surrogate (" + codePoint(c) + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "an unpaired surrogate (" + codePoint(c) + ")";
            }
            if (c == 0) {
                return "a NUL character (U+0000)";
            }
            if (Character.isISOControl(c) && !(lineBreaksAllowed && (c == '\t' || c == '\n' || c == '\r'))) {
                return "a control character (" + codePoint(c) + ")";
            }
            if (c == '\uFFFE' || c == '\uFFFF') {
                return "a non-character (" + codePoint(c) + ")";
            }
        }
        return null;
    }

    /**
     * The first character that is not printable, described, or null: format characters, line and
     * paragraph separators and, unless {@code blanksAllowed}, any blank.
     */
    static String firstNotPrintable(String s, boolean blanksAllowed) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int type = Character.getType(c);
            if (type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                return "the invisible character " + codePoint(c);
            }
            if (!blanksAllowed && (Character.isWhitespace(c) || Character.isSpaceChar(c))) {
                return "blanks";
            }
            if (blanksAllowed && Character.isSpaceChar(c) && c != ' ') {
                return "the blank " + codePoint(c);
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        return String.format(Locale.ROOT, "U+%04X", (int) c);
    }
}

package io.invitehub.adapter.in.http.wire;

import io.javalin.http.Context;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The content types of request bodies: JSON, the url-encoded form where docs/api.md allows one, and the
 * multipart form of the reference dialect's login (docs/compatibility.md). A
 * request has a body when it says so ({@code Content-Length} above 0, or chunked); its type must then be
 * one the route accepts, in UTF-8 when a charset is given.
 */
public final class ContentTypes {
    public static final String JSON = "application/json";
    public static final String FORM = "application/x-www-form-urlencoded";
    /** A multipart form: accepted only by the reference dialect's login (its client posts a {@code FormData}, ADR 34). */
    public static final String MULTIPART = "multipart/form-data";
    /** The largest multipart request (and part) read, in KiB: two short fields, kept in memory (HttpApi configures Jetty with it). */
    public static final int MULTIPART_LIMIT_KB = 16;

    private ContentTypes() {
    }

    /** The media type of the body when the route accepts it, null when there is no body; else {@link UnsupportedContent}. */
    static String admit(Context ctx, Set<String> accepts) {
        if (!hasBody(ctx)) {
            return null;
        }
        String header = ctx.header("Content-Type");
        String mediaType = RequestShape.mediaType(header);
        if (accepts.isEmpty()) {
            throw new UnsupportedContent("This route takes no request body.", accepts);
        }
        if (!accepts.contains(mediaType)) {
            throw new UnsupportedContent("The request body must be " + String.join(" or ", new TreeSet<>(accepts))
                    + (mediaType.isEmpty() ? ", and the request gives no Content-Type." : ", not " + printable(mediaType) + "."), accepts);
        }
        String charset = charset(header);
        if (charset != null && !charset.equals("utf-8")) {
            throw new UnsupportedContent("The request body must be UTF-8, not " + printable(charset) + ".", accepts);
        }
        return mediaType;
    }

    /** Whether the request is a url-encoded form (by its media type, as {@link #admit} reads it). */
    static boolean isForm(Context ctx) {
        return RequestShape.mediaType(ctx.header("Content-Type")).equals(FORM);
    }

    private static boolean hasBody(Context ctx) {
        String length = ctx.header("Content-Length");
        if (length != null) {
            return !length.strip().equals("0");
        }
        return ctx.header("Transfer-Encoding") != null;
    }

    private static String charset(String header) {
        for (String parameter : header.split(";")) {
            String p = parameter.strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=")) {
                return p.substring("charset=".length()).replace("\"", "").strip();
            }
        }
        return null;
    }

    private static String printable(String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return Characters.firstRefused(shown, false) == null ? "'" + shown + "'" : "an unprintable type";
    }
}

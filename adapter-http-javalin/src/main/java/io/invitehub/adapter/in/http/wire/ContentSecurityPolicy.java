package io.invitehub.adapter.in.http.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The Content-Security-Policy of the HTML pages this adapter serves (ADR 33, SPEC section 10): scripts and
 * everything else only from the service itself, inline styles allowed, images also over HTTPS and as data
 * URLs, and never inside a frame. The server sends {@link #DEFAULT} with every HTML answer that does not
 * bring its own; a page with an inline script allows exactly that script by its hash
 * ({@link #allowingScript(String)}), never {@code 'unsafe-inline'}.
 */
public final class ContentSecurityPolicy {
    public static final String HEADER = "Content-Security-Policy";
    public static final String DEFAULT = policy("'self'");

    private ContentSecurityPolicy() {
    }

    /** {@link #DEFAULT} that also runs the inline {@code script} (the exact text between the script tags). */
    public static String allowingScript(String script) {
        return policy("'self' 'sha256-" + sha256(script) + "'");
    }

    private static String policy(String scriptSources) {
        return "default-src 'self'; script-src " + scriptSources + "; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; "
                + "frame-ancestors 'none'";
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }
}

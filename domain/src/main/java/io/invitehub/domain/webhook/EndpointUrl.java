package io.invitehub.domain.webhook;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a webhook endpoint receives its events: an absolute {@code https} URL with a host, no user
 * information and no fragment, at most {@link #MAX_LENGTH} characters. Plain {@code http} only when the
 * caller allows it (the explicit development setting). Which addresses the host may resolve to is checked
 * when a delivery is sent, after DNS resolution (ADR 42), not here: a name can change its address later.
 */
public record EndpointUrl(URI uri) {
    public static final int MAX_LENGTH = 2048;

    public EndpointUrl {
        Objects.requireNonNull(uri, "uri");
    }

    /** @throws DomainException VALIDATION_FAILED naming what is wrong */
    public static EndpointUrl parse(String text, boolean allowPlainHttp) {
        if (text == null || text.isBlank()) {
            throw refused("url is required");
        }
        String value = text.strip();
        if (value.length() > MAX_LENGTH) {
            throw refused("url must have at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw refused("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPlainHttp && scheme.equals("http"))) {
            throw refused(allowPlainHttp ? "url must be an http or https URL" : "url must be an https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw refused("url must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused("url must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw refused("url must not have a fragment");
        }
        return new EndpointUrl(uri);
    }

    public String host() {
        return uri.getHost();
    }

    public boolean isHttps() {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    private static DomainException refused(String message) {
        return DomainException.invalid(ErrorCode.VALIDATION_FAILED, message);
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}

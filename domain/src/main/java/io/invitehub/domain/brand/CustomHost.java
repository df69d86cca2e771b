package io.invitehub.domain.brand;

import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A distributor's own domain name for its link page (SPEC section 9: "optional custom host"), e.g.
 * {@code seats.example.com}: a DNS name of at least two labels, lower case, without a port, a scheme or a
 * trailing dot, and not an IP address. Typed hosts are trimmed and lower-cased; HTTP {@code Host} headers
 * are read the same way ({@link #fromHostHeader}).
 */
public record CustomHost(String value) {
    public static final int MAX_LENGTH = 253;
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern NUMERIC = Pattern.compile("^[0-9]+$");

    public CustomHost {
        Objects.requireNonNull(value, "value");
        if (!valid(value)) {
            throw new IllegalArgumentException("not a host name: " + value);
        }
    }

    /**
     * A host as a distributor types it.
     *
     * @throws io.invitehub.domain.shared.DomainException VALIDATION_FAILED (field {@code custom_host}) when it is not a DNS name
     */
    public static CustomHost parse(String raw) {
        String value = normal(raw == null ? "" : raw);
        if (!valid(value)) {
            throw MalformedInputException.field(ErrorCode.VALIDATION_FAILED, "custom_host", "custom_host must be a domain name such as "
                    + "seats.example.com (no scheme, port or path; at most " + MAX_LENGTH + " characters)");
        }
        return new CustomHost(value);
    }

    /** The host of an HTTP {@code Host} header ({@code Seats.Example.com:443} → {@code seats.example.com}); null when it is no host name. */
    public static CustomHost fromHostHeader(String header) {
        if (header == null) {
            return null;
        }
        String host = header.strip();
        if (host.startsWith("[")) {
            return null; // an IPv6 literal
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        String value = normal(host);
        return valid(value) ? new CustomHost(value) : null;
    }

    private static String normal(String raw) {
        String value = raw.strip().toLowerCase(Locale.ROOT);
        return value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
    }

    private static boolean valid(String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        String[] labels = value.split("\\.", -1);
        if (labels.length < 2 || NUMERIC.matcher(labels[labels.length - 1]).matches()) {
            return false; // one label (localhost) or an IPv4 address
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.invitehub.adapter.out.mail;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how mail is handed over: the server, its TLS mode (STARTTLS required, implicit TLS, or none — only
 * for a relay on the same host), the login (optional), the sender, and the timeouts of connecting and of each
 * read and write. Server certificates are checked against the JVM's trust store and the host name; a test
 * may pass its own {@link javax.net.ssl.SSLSocketFactory}. The password is never printed.
 */
public record SmtpSettings(String host, int port, Security security, Optional<String> username, Optional<String> password,
                           String from, Optional<String> fromName, Duration connectTimeout, Duration timeout,
                           Optional<javax.net.ssl.SSLSocketFactory> socketFactory, boolean checkServerIdentity) {

    public enum Security {
        /** Plain connection upgraded with STARTTLS; refused when the server does not offer it (port 587). */
        STARTTLS,
        /** TLS from the first byte (port 465). */
        SMTPS,
        /** No TLS at all: only for a relay on the same host or network. */
        NONE
    }

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(from, "from");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1-65535");
        }
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("a username needs a password and the other way round");
        }
    }

    /** These settings with a TLS socket factory of the caller's (tests trusting a local server's certificate). */
    public SmtpSettings withSocketFactory(javax.net.ssl.SSLSocketFactory factory, boolean checkIdentity) {
        return new SmtpSettings(host, port, security, username, password, from, fromName, connectTimeout, timeout,
                Optional.of(factory), checkIdentity);
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", " + security + ", user=" + username.orElse("-")
                + ", password=" + (password.isPresent() ? "***" : "unset") + ", from=" + from + "]";
    }
}

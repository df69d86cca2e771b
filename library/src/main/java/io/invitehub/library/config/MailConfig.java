package io.invitehub.library.config;

import io.invitehub.domain.shared.Language;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * docs/configuration.md, "Mail" (ADR 41): which mailer sends the outbox's mail — {@code log} (the embedded
 * default: the mail is written to the log) or {@code smtp} — the SMTP server, its TLS mode, login, sender and
 * timeouts; the mail workers and their retries; the language of mail whose reader's language is unknown; the
 * start of the password-reset link. The SMTP password is never printed.
 */
public record MailConfig(Transport transport, Optional<String> smtpHost, int smtpPort, Security smtpSecurity,
                         Optional<String> smtpUsername, Optional<String> smtpPassword, String from, Optional<String> fromName,
                         Duration connectTimeout, Duration timeout, int threads, int maxAttempts, Duration backoffBase,
                         Duration backoffMax, Duration pollInterval, Language defaultLanguage, Optional<String> resetUrl,
                         Duration resetValidity, Duration retention) {

    public enum Transport { LOG, SMTP }

    public enum Security { STARTTLS, SMTPS, NONE }

    static MailConfig read(EnvironmentReader r) {
        Transport transport = choice(r, "INVITEHUB_MAIL_TRANSPORT", "log", Transport.class);
        Security security = choice(r, "INVITEHUB_SMTP_SECURITY", "starttls", Security.class);
        Optional<String> host = r.optional("INVITEHUB_SMTP_HOST");
        Optional<String> username = r.optional("INVITEHUB_SMTP_USERNAME");
        Optional<String> password = r.secret("INVITEHUB_SMTP_PASSWORD", 1);
        if (transport == Transport.SMTP) {
            if (host.isEmpty()) {
                throw new ConfigurationException("INVITEHUB_MAIL_TRANSPORT=smtp needs INVITEHUB_SMTP_HOST");
            }
            if (r.optional("INVITEHUB_MAIL_FROM").isEmpty()) {
                throw new ConfigurationException("INVITEHUB_MAIL_TRANSPORT=smtp needs INVITEHUB_MAIL_FROM (the sender address)");
            }
        }
        if (username.isPresent() != password.isPresent()) {
            throw new ConfigurationException("INVITEHUB_SMTP_USERNAME and INVITEHUB_SMTP_PASSWORD go together");
        }
        int defaultPort = security == Security.SMTPS ? 465 : security == Security.STARTTLS ? 587 : 25;
        String languageTag = r.string("INVITEHUB_MAIL_DEFAULT_LANGUAGE", "zh-CN");
        Language language = Language.of(languageTag).orElseThrow(() ->
                new ConfigurationException("INVITEHUB_MAIL_DEFAULT_LANGUAGE must be zh-CN or en, was '" + languageTag + "'"));
        Optional<String> resetUrl = r.optional("INVITEHUB_PASSWORD_RESET_URL");
        resetUrl.ifPresent(u -> {
            if (!u.startsWith("https://") && !u.startsWith("http://")) {
                throw new ConfigurationException("INVITEHUB_PASSWORD_RESET_URL must be an http(s) URL the token is appended to");
            }
        });
        return new MailConfig(transport, host, r.integer("INVITEHUB_SMTP_PORT", defaultPort, 1, 65_535), security, username, password,
                r.string("INVITEHUB_MAIL_FROM", "no-reply@invitehub.local"), r.optional("INVITEHUB_MAIL_FROM_NAME"),
                r.positiveDuration("INVITEHUB_SMTP_CONNECT_TIMEOUT", Duration.ofSeconds(10)),
                r.positiveDuration("INVITEHUB_SMTP_TIMEOUT", Duration.ofSeconds(30)),
                r.integer("INVITEHUB_MAIL_THREADS", 1, 1, 8),
                r.integer("INVITEHUB_MAIL_MAX_ATTEMPTS", 12, 1, 100),
                r.positiveDuration("INVITEHUB_MAIL_BACKOFF_BASE", Duration.ofSeconds(30)),
                r.positiveDuration("INVITEHUB_MAIL_BACKOFF_MAX", Duration.ofHours(1)),
                r.positiveDuration("INVITEHUB_MAIL_POLL_INTERVAL", Duration.ofSeconds(5)),
                language, resetUrl,
                r.positiveDuration("INVITEHUB_PASSWORD_RESET_VALIDITY", Duration.ofMinutes(30)),
                r.positiveDuration("INVITEHUB_MAIL_RETENTION", Duration.ofDays(30)));
    }

    static <E extends Enum<E>> E choice(EnvironmentReader r, String name, String fallback, Class<E> type) {
        String raw = r.string(name, fallback);
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder names = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                names.append(names.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw new ConfigurationException(name + " must be one of " + names + ", was '" + raw + "'");
        }
    }

    @Override
    public String toString() {
        return "MailConfig[" + transport + (transport == Transport.SMTP ? " " + smtpHost.orElse("?") + ":" + smtpPort + " " + smtpSecurity
                + ", user=" + smtpUsername.orElse("-") + ", password=" + (smtpPassword.isPresent() ? "***" : "unset") : "") + "]";
    }
}

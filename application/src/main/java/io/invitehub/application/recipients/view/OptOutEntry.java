package io.invitehub.application.recipients.view;

import io.invitehub.domain.shared.Email;

import java.time.Instant;
import java.util.Objects;

/**
 * An e-mail whose owner asked for no further invitations, the code that proved it, and when; {@code emailDigest}
 * (MD5 hex of the e-mail) orders entries of the same instant and positions the next page.
 */
public record OptOutEntry(Email email, String code, Instant createdAt, String emailDigest) {
    public OptOutEntry {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(emailDigest, "emailDigest");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

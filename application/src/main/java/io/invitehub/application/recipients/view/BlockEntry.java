package io.invitehub.application.recipients.view;

import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One blocklist entry: an exact e-mail, or a domain (which covers its subdomains too). */
public record BlockEntry(long id, BlockKind kind, String value, Optional<String> reason, Optional<UserId> createdBy, Instant createdAt) {
    public BlockEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

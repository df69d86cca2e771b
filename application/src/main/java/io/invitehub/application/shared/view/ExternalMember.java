package io.invitehub.application.shared.view;

import io.invitehub.domain.shared.Email;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A member of a team at the provider that no live invitation explains (the owner, admins, someone
 * who joined without InviteHub), as the last successful acceptance sync saw it.
 */
public record ExternalMember(Email email, Optional<String> providerUserId, Optional<String> role,
                             Optional<Instant> joinedAt, Instant firstSeenAt) {
    public ExternalMember {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(providerUserId, "providerUserId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(joinedAt, "joinedAt");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
    }
}

package io.invitehub.application.audit.view;

import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the audit log as the admin reads it: who ({@code actorId} and its current username, empty for
 * the service itself or a deleted account; {@code actorRole} as recorded, {@code SYSTEM} for the service), what
 * and on what. Details never hold a secret (they are written that way).
 */
public record AuditRecord(long id, Instant at, Optional<UserId> actorId, Optional<String> actorUsername, String actorRole,
                          String action, Optional<String> targetType, Optional<String> targetId, Optional<String> details) {
    public AuditRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(actorUsername, "actorUsername");
        Objects.requireNonNull(actorRole, "actorRole");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(details, "details");
    }
}

package io.invitehub.application.shared.port.out;

import io.invitehub.domain.user.Actor;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One audited write: who ({@code actor}), what ({@code action}, e.g. {@code DISTRIBUTOR_APPROVE}), on what
 * ({@code targetType}, {@code targetId}) and free-form {@code details} that never contain a secret.
 */
public record AuditEntry(Actor actor, String action, String targetType, String targetId, Optional<String> details,
                         Instant at) {
    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(at, "at");
    }

    public static AuditEntry of(Actor actor, String action, String targetType, Object targetId, String details, Instant at) {
        return new AuditEntry(actor, action, targetType, String.valueOf(targetId), Optional.ofNullable(details), at);
    }
}

package io.invitehub.domain.user;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.util.Objects;
import java.util.Optional;

/**
 * Who performs a write: a signed-in user with its role, or the service itself (first-start seeding,
 * command line), which has neither. Recorded in the audit log.
 */
public record Actor(Optional<UserId> userId, Optional<Role> role) {
    private static final Actor SYSTEM = new Actor(Optional.empty(), Optional.empty());

    public Actor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        if (userId.isPresent() != role.isPresent()) {
            throw new IllegalArgumentException("a user actor has both an id and a role; the system actor neither");
        }
    }

    public static Actor of(UserId id, Role role) {
        return new Actor(Optional.of(id), Optional.of(role));
    }

    public static Actor of(User user) {
        return of(user.id(), user.role());
    }

    public static Actor system() {
        return SYSTEM;
    }

    public boolean isSystem() {
        return userId.isEmpty();
    }

    /** The system actor, or a user with one of {@code roles}. */
    public boolean isAnyOf(Role... roles) {
        if (isSystem()) {
            return true;
        }
        for (Role r : roles) {
            if (role.get() == r) {
                return true;
            }
        }
        return false;
    }

    /**
     * Refuses with FORBIDDEN and {@code refusal} as the message unless this is the system or a user with one
     * of {@code roles}: the one place the services' role guards are written.
     */
    public void requireAnyOf(String refusal, Role... roles) {
        if (!isAnyOf(roles)) {
            throw new DomainException(ErrorCode.FORBIDDEN, refusal);
        }
    }

    /** Staff only: an ADMIN or an OPERATOR (or the system). */
    public void requireStaff() {
        requireAnyOf("Only staff may do this.", Role.ADMIN, Role.OPERATOR);
    }

    @Override
    public String toString() {
        return isSystem() ? "Actor[system]" : "Actor[" + userId.get().value() + ", " + role.get() + "]";
    }
}

package io.invitehub.application.accounts.view;

import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An account as the admin's accounts page shows it: never the password hash or the token version.
 * {@code disabledAt}: when an admin switched it off; {@code mustChangePassword}: it holds a temporary password.
 */
public record StaffAccount(UserId id, String username, Optional<String> email, Role role, Optional<Instant> disabledAt,
                           boolean mustChangePassword, Instant createdAt) {
    public StaffAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(disabledAt, "disabledAt");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

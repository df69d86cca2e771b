package io.invitehub.application.shared.view;

import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An account as its owner and admins may read it: never the password hash or the token version.
 * {@code rejectionReason} is the reason an admin gave when rejecting a distributor (empty otherwise).
 */
public record AccountView(UserId id, String username, Optional<String> email, Role role, Optional<Approval> approval,
                          Optional<String> rejectionReason, Instant createdAt) {
    public AccountView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(rejectionReason, "rejectionReason");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

package io.invitehub.application.port.out;

import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.util.Optional;

/** Storage of users (staff and distributors). */
public interface Users {

    /** Creates a user; throws a CONFLICT {@link io.invitehub.domain.shared.DomainException} when the username or e-mail is taken. */
    User create(String username, String email, String passwordHash, Role role, Approval approval);

    Optional<User> findById(UserId id);

    Optional<User> findByUsername(String username);

    boolean anyWithRole(Role role);
}

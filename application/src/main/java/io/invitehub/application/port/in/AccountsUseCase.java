package io.invitehub.application.port.in;

import io.invitehub.domain.user.User;

import java.util.Optional;

/** Sign-in and the accounts needed to run the service. */
public interface AccountsUseCase {

    /** @throws io.invitehub.domain.shared.DomainException UNAUTHORIZED for unknown users, wrong passwords or users who may not act */
    User authenticate(String username, char[] password);

    /** Creates an APPROVED distributor. */
    User createDistributor(String username, String email, char[] password);

    /** Creates the first ADMIN with this password when no admin exists; empty when one exists already. */
    Optional<User> ensureAdmin(String username, char[] password);
}

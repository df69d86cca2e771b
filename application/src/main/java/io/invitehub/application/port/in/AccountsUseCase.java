package io.invitehub.application.port.in;

import io.invitehub.domain.user.User;

import java.util.Optional;

/** Sign-in and the accounts needed to run the service. */
public interface AccountsUseCase {

    /**
     * @throws io.invitehub.domain.shared.DomainException UNAUTHORIZED for unknown users and wrong passwords (the
     *         same message, and the same cost: a hash is always verified); FORBIDDEN for a correct password of
     *         an account that may not act (a distributor that is not APPROVED)
     */
    User authenticate(String username, char[] password);

    /** Creates an APPROVED distributor. */
    User createDistributor(String username, String email, char[] password);

    /** Creates the first ADMIN with this password when no admin exists; empty when one exists already. */
    Optional<User> ensureAdmin(String username, char[] password);
}

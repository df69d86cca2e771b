package io.invitehub.application.accounts.port.in;

import io.invitehub.application.shared.view.AccountView;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.util.Optional;

/** The accounts needed to run the service, and a user's own password. */
public interface AccountsUseCase {

    /** Creates the first ADMIN with this password when no admin exists; empty when one exists already. */
    Optional<User> ensureAdmin(String username, char[] password);

    /**
     * Replaces the user's password after checking the old one, and increments the token version so every
     * token issued before stops working.
     *
     * @throws io.invitehub.domain.shared.DomainException UNAUTHORIZED when the old password is wrong,
     *         VALIDATION_FAILED when the new one is too short or too long
     */
    User changePassword(UserId user, char[] oldPassword, char[] newPassword);

    /** True once an ADMIN exists (the service is set up). */
    boolean adminExists();

    /**
     * The user's own account as stored now, with its creation time.
     *
     * @throws io.invitehub.domain.shared.DomainException UNAUTHORIZED when the account no longer exists
     */
    AccountView account(UserId user);
}

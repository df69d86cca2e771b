package io.invitehub.application.accounts.port.out;

import io.invitehub.application.accounts.view.StaffAccount;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The accounts page's side of user storage: staff lists, switching staff off, temporary passwords. */
public interface StaffAccounts {

    /** Staff accounts (ADMIN, OPERATOR) by id ascending after {@code after}; at most {@code limit}. */
    List<StaffAccount> staff(Optional<UserId> after, int limit);

    /** Any account as the accounts page shows it; empty when there is none. */
    Optional<StaffAccount> find(UserId id);

    /**
     * Creates an account of {@code role} (staff) whose password must change at the first sign-in; a CONFLICT
     * {@link io.invitehub.domain.shared.DomainException} when the username or e-mail is taken.
     */
    StaffAccount createStaff(String username, Optional<String> email, String passwordHash, Role role);

    /**
     * Sets or clears the disabled mark of a staff account, incrementing the token version when it is set; empty
     * when there is no staff account {@code id}.
     */
    Optional<StaffAccount> setDisabled(UserId id, Optional<Instant> disabledAt);

    /** Stores a temporary password: the hash, the must-change mark, a new token version. Empty when there is no such user. */
    Optional<StaffAccount> setTemporaryPassword(UserId id, String passwordHash);
}

package io.invitehub.application.accounts.port.in;

import io.invitehub.application.accounts.view.StaffAccount;

import java.util.Objects;

/**
 * An account with the one-time temporary password an admin just set (a new OPERATOR, or a reset). It is shown
 * once, to the admin, and never stored in clear: the account must replace it at its next sign-in.
 */
public record TemporaryPassword(StaffAccount account, String password) {
    public TemporaryPassword {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "TemporaryPassword[" + account.username() + ", password=***]";
    }
}

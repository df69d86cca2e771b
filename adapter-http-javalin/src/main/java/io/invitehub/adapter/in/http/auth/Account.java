package io.invitehub.adapter.in.http.auth;

import io.invitehub.application.shared.view.AccountView;
import io.invitehub.domain.user.User;

/** An account as its owner and admins see it (never the password hash or token version). */
public record Account(long id, String username, String email, String role, String approval) {
    public static Account of(User user) {
        return new Account(user.id().value(), user.username(), user.email().orElse(null), user.role().name(),
                user.approval().map(Enum::name).orElse(null));
    }

    public static Account of(AccountView account) {
        return new Account(account.id().value(), account.username(), account.email().orElse(null), account.role().name(),
                account.approval().map(Enum::name).orElse(null));
    }
}

package io.invitehub.adapter.out.persistence;

import io.invitehub.application.accounts.port.out.PasswordResets;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.UserId;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.Optional;

/** {@link PasswordResets} on {@code password_resets} (V49): hashes only; using a token is one conditional update. */
final class JooqPasswordResets implements PasswordResets {
    private final DSLContext dsl;

    JooqPasswordResets(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<UserId> userWithEmail(Email email) {
        return dsl.resultQuery("select id from users where email = ?", email.value())
                .fetchOptional(0, Long.class).map(UserId::new);
    }

    @Override
    public void store(String tokenHash, UserId user, Instant expiresAt) {
        dsl.execute("insert into password_resets (token_hash, user_id, expires_at) values (?, ?, ?::timestamptz)",
                tokenHash, user.value(), Rows.at(expiresAt));
    }

    @Override
    public Optional<UserId> consume(String tokenHash, Instant now) {
        return dsl.resultQuery("update password_resets set used_at = ?::timestamptz"
                        + " where token_hash = ? and used_at is null and expires_at > ?::timestamptz returning user_id",
                        Rows.at(now), tokenHash, Rows.at(now))
                .fetchOptional(0, Long.class).map(UserId::new);
    }

    @Override
    public void discardFor(UserId user) {
        dsl.execute("delete from password_resets where user_id = ?", user.value());
    }
}

package io.invitehub.adapter.out.persistence;

import io.invitehub.application.accounts.port.out.StaffAccounts;
import io.invitehub.application.accounts.view.StaffAccount;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.UserId;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** {@link StaffAccounts} on the users table (ADR 50). */
final class JooqStaffAccounts implements StaffAccounts {
    private static final String COLUMNS = "id, username, email, role, disabled_at, must_change_password, created_at";

    private final DSLContext dsl;

    JooqStaffAccounts(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<StaffAccount> staff(Optional<UserId> after, int limit) {
        // role <> 'DISTRIBUTOR' as a literal: users_staff_idx is partial on it
        return dsl.fetch("select " + COLUMNS + " from users where role <> 'DISTRIBUTOR' and id > ? order by id limit ?",
                after.map(UserId::value).orElse(0L), limit).map(JooqStaffAccounts::toAccount);
    }

    @Override
    public Optional<StaffAccount> find(UserId id) {
        return dsl.fetchOptional("select " + COLUMNS + " from users where id = ?", id.value()).map(JooqStaffAccounts::toAccount);
    }

    @Override
    public StaffAccount createStaff(String username, Optional<String> email, String passwordHash, Role role) {
        try {
            return toAccount(dsl.fetchSingle("insert into users (username, email, password_hash, role, must_change_password)"
                    + " values (?, cast(? as varchar), ?, ?, true) returning " + COLUMNS, username, email.orElse(null), passwordHash, role.name()));
        } catch (DataAccessException e) {
            throw Rows.uniqueViolation(e,
                    Rows.refusal("users_username_key", ErrorCode.CONFLICT, "the username is taken"),
                    Rows.refusal("users_username_lower_key", ErrorCode.CONFLICT, "the username is taken"),
                    Rows.refusal("users_email_key", ErrorCode.CONFLICT, "the e-mail is taken"));
        }
    }

    @Override
    public Optional<StaffAccount> setDisabled(UserId id, Optional<Instant> disabledAt) {
        // switching off revokes every token (the version moves); switching on needs none
        return dsl.fetchOptional("update users set disabled_at = cast(? as timestamptz), updated_at = now(),"
                        + " token_version = token_version + (case when cast(? as boolean) then 1 else 0 end)"
                        + " where id = ? and role <> 'DISTRIBUTOR' returning " + COLUMNS,
                disabledAt.map(Rows::at).orElse(null), disabledAt.isPresent(), id.value())
                .map(JooqStaffAccounts::toAccount);
    }

    @Override
    public Optional<StaffAccount> setTemporaryPassword(UserId id, String passwordHash) {
        return dsl.fetchOptional("update users set password_hash = ?, must_change_password = true, token_version = token_version + 1,"
                + " updated_at = now() where id = ? returning " + COLUMNS, passwordHash, id.value()).map(JooqStaffAccounts::toAccount);
    }

    private static StaffAccount toAccount(Record r) {
        return new StaffAccount(new UserId(r.get("id", Long.class)), r.get("username", String.class),
                Optional.ofNullable(r.get("email", String.class)), Role.valueOf(r.get("role", String.class)),
                Optional.ofNullable(r.get("disabled_at", OffsetDateTime.class)).map(Rows::instant),
                Boolean.TRUE.equals(r.get("must_change_password", Boolean.class)),
                Rows.instant(r.get("created_at", OffsetDateTime.class)));
    }
}

package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.records.UsersRecord;
import io.invitehub.application.port.out.Users;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

import java.util.Optional;

import static io.invitehub.adapter.out.persistence.generated.Tables.USERS;

final class JooqUsers implements Users {
    private final DSLContext dsl;

    JooqUsers(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public User create(String username, String email, String passwordHash, Role role, Approval approval) {
        try {
            return toDomain(dsl.insertInto(USERS)
                    .set(USERS.USERNAME, username)
                    .set(USERS.EMAIL, email)
                    .set(USERS.PASSWORD_HASH, passwordHash)
                    .set(USERS.ROLE, role.name())
                    .set(USERS.APPROVAL, approval == null ? null : approval.name())
                    .returning()
                    .fetchSingle());
        } catch (DataAccessException e) {
            RuntimeException translated = Rows.uniqueViolation(e, "users_username_key", ErrorCode.CONFLICT, "the username is taken");
            if (translated != e) {
                throw translated;
            }
            throw Rows.uniqueViolation(e, "users_email_key", ErrorCode.CONFLICT, "the e-mail is taken");
        }
    }

    @Override
    public Optional<User> findById(UserId id) {
        return dsl.selectFrom(USERS).where(USERS.ID.eq(id.value())).fetchOptional().map(JooqUsers::toDomain);
    }

    @Override
    public Optional<User> findByUsername(String username) {
        return dsl.selectFrom(USERS).where(USERS.USERNAME.eq(username)).fetchOptional().map(JooqUsers::toDomain);
    }

    @Override
    public boolean anyWithRole(Role role) {
        return dsl.fetchExists(USERS, USERS.ROLE.eq(role.name()));
    }

    static User toDomain(UsersRecord r) {
        return User.restore(new UserId(r.getId()), r.getUsername(), r.getEmail(), Role.valueOf(r.getRole()),
                r.getApproval() == null ? null : Approval.valueOf(r.getApproval()), r.getPasswordHash(), r.getTokenVersion());
    }
}

package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.records.UsersRecord;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shared.view.AccountView;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.invitehub.adapter.out.persistence.generated.Tables.INVITATIONS;
import static io.invitehub.adapter.out.persistence.generated.Tables.ORDERS;
import static io.invitehub.adapter.out.persistence.generated.Tables.REDEEM_CODES;
import static io.invitehub.adapter.out.persistence.generated.Tables.USERS;
import static org.jooq.impl.DSL.inline;

/** Users in PostgreSQL. The role is a literal in predicates: users_distributor_approval_idx is partial on it (ADR 23). */
final class JooqUsers implements Users {
    private static final String FOREIGN_KEY_VIOLATION = "23503";
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
            throw Rows.uniqueViolation(e,
                    Rows.refusal("users_username_key", ErrorCode.CONFLICT, "the username is taken"),
                    Rows.refusal("users_username_lower_key", ErrorCode.CONFLICT, "the username is taken"),
                    Rows.refusal("users_email_key", ErrorCode.CONFLICT, "the e-mail is taken"));
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
        return dsl.fetchExists(USERS, USERS.ROLE.eq(inline(role.name())));
    }

    @Override
    public Optional<User> changeApproval(UserId id, Approval from, Approval to, boolean revokeTokens) {
        return dsl.update(USERS)
                .set(USERS.APPROVAL, to.name())
                .set(USERS.TOKEN_VERSION, revokeTokens ? USERS.TOKEN_VERSION.plus(1) : USERS.TOKEN_VERSION)
                .set(USERS.UPDATED_AT, org.jooq.impl.DSL.currentOffsetDateTime())
                .where(USERS.ID.eq(id.value()).and(USERS.ROLE.eq(inline(Role.DISTRIBUTOR.name()))).and(USERS.APPROVAL.eq(from.name())))
                .returning()
                .fetchOptional()
                .map(JooqUsers::toDomain);
    }

    @Override
    public Optional<User> changePassword(UserId id, int expectedTokenVersion, String passwordHash) {
        return dsl.update(USERS)
                .set(USERS.PASSWORD_HASH, passwordHash)
                .set(USERS.TOKEN_VERSION, USERS.TOKEN_VERSION.plus(1))
                .set(USERS.MUST_CHANGE_PASSWORD, false) // the owner's own password replaces a temporary one (ADR 50)
                .set(USERS.UPDATED_AT, org.jooq.impl.DSL.currentOffsetDateTime())
                .where(USERS.ID.eq(id.value()).and(USERS.TOKEN_VERSION.eq(expectedTokenVersion)))
                .returning()
                .fetchOptional()
                .map(JooqUsers::toDomain);
    }

    @Override
    public List<User> distributors(Approval approval, Optional<UserId> after, int limit) {
        return dsl.selectFrom(USERS)
                .where(USERS.ROLE.eq(inline(Role.DISTRIBUTOR.name())).and(USERS.APPROVAL.eq(approval.name())))
                .and(after.map(a -> USERS.ID.gt(a.value())).orElse(org.jooq.impl.DSL.noCondition()))
                .orderBy(USERS.ID)
                .limit(limit)
                .fetch(JooqUsers::toDomain);
    }

    @Override
    public void recordRejectionReason(UserId id, Optional<String> reason) {
        dsl.update(USERS).set(USERS.REJECTION_REASON, reason.orElse(null)).where(USERS.ID.eq(id.value())).execute();
    }

    @Override
    public Optional<AccountView> account(UserId id) {
        return dsl.selectFrom(USERS).where(USERS.ID.eq(id.value())).fetchOptional().map(JooqUsers::toView);
    }

    @Override
    public List<AccountView> distributorAccounts(Set<Approval> approvals, Optional<UserId> after, int limit) {
        return dsl.selectFrom(USERS)
                .where(USERS.ROLE.eq(inline(Role.DISTRIBUTOR.name()))
                        .and(USERS.APPROVAL.in(approvals.stream().map(Enum::name).collect(Collectors.toList()))))
                .and(after.map(a -> USERS.ID.gt(a.value())).orElse(org.jooq.impl.DSL.noCondition()))
                .orderBy(USERS.ID)
                .limit(limit)
                .fetch(JooqUsers::toView);
    }

    @Override
    public boolean hasCodesOrdersOrInvitations(UserId id) {
        long user = id.value();
        return dsl.fetchExists(REDEEM_CODES, REDEEM_CODES.OWNER_ID.eq(user))
                || dsl.fetchExists(ORDERS, ORDERS.BUYER_ID.eq(user))
                || dsl.fetchExists(INVITATIONS, INVITATIONS.DISTRIBUTOR_ID.eq(user));
    }

    @Override
    public boolean delete(UserId id) {
        try {
            return dsl.deleteFrom(USERS).where(USERS.ID.eq(id.value())).execute() == 1;
        } catch (DataAccessException e) {
            SQLException sql = e.getCause(SQLException.class);
            if (sql != null && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                throw new DomainException(ErrorCode.CONFLICT, "the user is still referred to by codes, orders or invitations");
            }
            throw e;
        }
    }

    private static AccountView toView(UsersRecord r) {
        return new AccountView(new UserId(r.getId()), r.getUsername(), Optional.ofNullable(r.getEmail()), Role.valueOf(r.getRole()),
                Optional.ofNullable(r.getApproval()).map(Approval::valueOf), Optional.ofNullable(r.getRejectionReason()),
                r.getCreatedAt().toInstant());
    }

    static User toDomain(UsersRecord r) {
        return User.restore(new UserId(r.getId()), r.getUsername(), r.getEmail(), Role.valueOf(r.getRole()),
                r.getApproval() == null ? null : Approval.valueOf(r.getApproval()), r.getPasswordHash(), r.getTokenVersion(),
                r.getDisabledAt() != null, Boolean.TRUE.equals(r.getMustChangePassword()));
    }
}

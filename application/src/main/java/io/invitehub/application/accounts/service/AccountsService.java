package io.invitehub.application.accounts.service;

import io.invitehub.application.accounts.port.in.AccountsUseCase;
import io.invitehub.application.accounts.port.out.PasswordHasher;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shared.view.AccountView;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Clock;
import java.util.Optional;

public final class AccountsService implements AccountsUseCase {
    public static final int MIN_PASSWORD_LENGTH = AccountRules.MIN_PASSWORD_LENGTH;
    public static final int MAX_PASSWORD_LENGTH = AccountRules.MAX_PASSWORD_LENGTH;

    private final TransactionRunner transactions;
    private final Users users;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;

    public AccountsService(TransactionRunner transactions, Users users, PasswordHasher hasher, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Optional<User> ensureAdmin(String username, char[] password) {
        String name = AccountRules.validUsername(username);
        AccountRules.validPassword(password);
        // every start but the first finds the admin in place: no production-cost hash then (ADR 80); the
        // transaction below checks again, so nodes starting at once on a fresh database still create one admin
        if (users.anyWithRole(Role.ADMIN)) {
            return Optional.empty();
        }
        String hash = hasher.hash(password);
        try {
            return transactions.inTransaction(() -> {
                if (users.anyWithRole(Role.ADMIN)) {
                    return Optional.<User>empty();
                }
                User admin = users.create(name, null, hash, Role.ADMIN, null);
                audit.record(AuditEntry.of(Actor.system(), "ADMIN_CREATE", "USER", admin.id().value(), "username=" + name, clock.instant()));
                return Optional.of(admin);
            });
        } catch (DomainException e) {
            // Nodes starting at once on one fresh database all saw no admin; the first insert won and the
            // others hit its unique username. Theirs is a normal start: the admin exists now.
            if (e.code() == ErrorCode.CONFLICT && users.anyWithRole(Role.ADMIN)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public User changePassword(UserId userId, char[] oldPassword, char[] newPassword) {
        AccountRules.validPassword(newPassword);
        User user = users.findById(userId)
                .orElseThrow(() -> new DomainException(ErrorCode.UNAUTHORIZED, "The account no longer exists."));
        if (oldPassword == null || !hasher.matches(oldPassword, user.passwordHash())) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "The old password is wrong.");
        }
        String hash = hasher.hash(newPassword);
        return transactions.inTransaction(() -> {
            User changed = users.changePassword(userId, user.tokenVersion(), hash)
                    .orElseThrow(() -> new DomainException(ErrorCode.CONFLICT, "The account changed meanwhile; sign in again."));
            audit.record(AuditEntry.of(Actor.of(user), "PASSWORD_CHANGE", "USER", userId.value(), null, clock.instant()));
            return changed;
        });
    }

    @Override
    public boolean adminExists() {
        return users.anyWithRole(Role.ADMIN);
    }

    @Override
    public AccountView account(UserId user) {
        return users.account(user).orElseThrow(() -> new DomainException(ErrorCode.UNAUTHORIZED, "The account no longer exists."));
    }
}

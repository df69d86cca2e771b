package io.invitehub.application.accounts.service;

import io.invitehub.application.accounts.port.in.StaffAccountsUseCase;
import io.invitehub.application.accounts.port.in.TemporaryPassword;
import io.invitehub.application.accounts.port.out.PasswordHasher;
import io.invitehub.application.accounts.port.out.StaffAccounts;
import io.invitehub.application.accounts.port.out.TemporaryPasswords;
import io.invitehub.application.accounts.view.StaffAccount;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageCursor;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.UserId;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Staff accounts (ADR 50): OPERATOR accounts created with a temporary password, switched off and on, and any
 * account's password reset to a temporary one. The temporary password is hashed before the transaction and
 * returned once; the account can use nothing but the password change until it picks its own.
 */
public final class StaffAccountsService implements StaffAccountsUseCase {
    private static final String ADMINS_ONLY = "Only an admin may manage accounts.";
    private static final String STAFF_LIST = "staff";

    private final TransactionRunner transactions;
    private final StaffAccounts accounts;
    private final PasswordHasher hasher;
    private final TemporaryPasswords passwords;
    private final AuditLog audit;
    private final Clock clock;

    public StaffAccountsService(TransactionRunner transactions, StaffAccounts accounts, PasswordHasher hasher,
                                TemporaryPasswords passwords, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.accounts = accounts;
        this.hasher = hasher;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Page<StaffAccount> staff(Actor actor, PageRequest page) {
        actor.requireAnyOf(ADMINS_ONLY, Role.ADMIN);
        Optional<UserId> after = page.cursor().map(c -> c.longKey(STAFF_LIST, 1, 0)).map(id -> {
            if (id < 1) {
                throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "the cursor is not valid; start again from the first page");
            }
            return new UserId(id);
        });
        List<StaffAccount> rows = accounts.staff(after, page.limit() + 1);
        boolean more = rows.size() > page.limit();
        List<StaffAccount> shown = more ? rows.subList(0, page.limit()) : rows;
        return new Page<>(shown, more ? Optional.of(PageCursor.of(STAFF_LIST, shown.get(shown.size() - 1).id().value())) : Optional.empty());
    }

    @Override
    public TemporaryPassword createOperator(Actor actor, String username, Optional<String> email) {
        actor.requireAnyOf(ADMINS_ONLY, Role.ADMIN);
        String name = AccountRules.validUsername(username);
        Optional<String> address = email.filter(e -> !e.isBlank()).map(e -> Email.of(e).value());
        String password = passwords.next();
        String hash = hasher.hash(password.toCharArray());
        return transactions.inTransaction(() -> {
            StaffAccount created = accounts.createStaff(name, address, hash, Role.OPERATOR);
            audit.record(AuditEntry.of(actor, "OPERATOR_CREATE", "USER", created.id().value(), "username=" + name, clock.instant()));
            return new TemporaryPassword(created, password);
        });
    }

    @Override
    public StaffAccount disable(Actor actor, UserId account) {
        return switchAccount(actor, account, true);
    }

    @Override
    public StaffAccount enable(Actor actor, UserId account) {
        return switchAccount(actor, account, false);
    }

    private StaffAccount switchAccount(Actor actor, UserId id, boolean off) {
        actor.requireAnyOf(ADMINS_ONLY, Role.ADMIN);
        return transactions.inTransaction(() -> {
            StaffAccount account = accounts.find(id).orElseThrow(() -> DomainException.notFound("account " + id.value() + " does not exist"));
            if (account.role() != Role.OPERATOR) {
                throw new DomainException(ErrorCode.CONFLICT, account.role() == Role.DISTRIBUTOR
                        ? "A distributor is suspended, not disabled: use the distributor's suspend."
                        : "An admin account cannot be disabled; only operator accounts can.");
            }
            if (account.disabledAt().isPresent() == off) {
                return account; // already so: nothing changes, nothing is audited
            }
            StaffAccount changed = accounts.setDisabled(id, off ? Optional.of(clock.instant()) : Optional.empty())
                    .orElseThrow(() -> DomainException.notFound("account " + id.value() + " does not exist"));
            audit.record(AuditEntry.of(actor, off ? "ACCOUNT_DISABLE" : "ACCOUNT_ENABLE", "USER", id.value(),
                    "username=" + account.username(), clock.instant()));
            return changed;
        });
    }

    @Override
    public TemporaryPassword resetPassword(Actor actor, UserId id) {
        actor.requireAnyOf(ADMINS_ONLY, Role.ADMIN);
        if (actor.userId().filter(id::equals).isPresent()) {
            throw new DomainException(ErrorCode.CONFLICT, "Your own password is changed with the password change, not reset.");
        }
        String password = passwords.next();
        String hash = hasher.hash(password.toCharArray());
        return transactions.inTransaction(() -> {
            StaffAccount account = accounts.setTemporaryPassword(id, hash)
                    .orElseThrow(() -> DomainException.notFound("account " + id.value() + " does not exist"));
            audit.record(AuditEntry.of(actor, "PASSWORD_RESET", "USER", id.value(), "username=" + account.username(), clock.instant()));
            return new TemporaryPassword(account, password);
        });
    }
}

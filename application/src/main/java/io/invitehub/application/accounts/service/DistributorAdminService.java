package io.invitehub.application.accounts.service;

import io.invitehub.application.accounts.port.in.ManageDistributorsUseCase;
import io.invitehub.application.accounts.port.out.PasswordHasher;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageCursor;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shared.view.AccountView;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The admin's distributor lifecycle. Each transition: load, let {@link Approval} decide the next state
 * (illegal moves are refused there), store it with a conditional update (a concurrent change makes it a
 * CONFLICT), audit, all in one transaction. Rejection and suspension increment the token version.
 */
public final class DistributorAdminService implements ManageDistributorsUseCase {
    private static final String ADMINS_ONLY = "Only an admin may manage distributors.";
    /** The cursor kind of the pending list. */
    private static final String PENDING_LIST = "pending";

    public static final int MAX_PAGE = 500;
    private static final int MAX_REASON_LENGTH = 500;

    private final TransactionRunner transactions;
    private final Users users;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;

    public DistributorAdminService(TransactionRunner transactions, Users users, PasswordHasher hasher, AuditLog audit,
                                   Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public User create(Actor actor, String username, String email, char[] password) {
        actor.requireAnyOf(ADMINS_ONLY, Role.ADMIN);
        String name = AccountRules.validUsername(username);
        Email address = Email.of(email);
        AccountRules.validPassword(password);
        String hash = hasher.hash(password);
        return transactions.inTransaction(() -> {
            User user = users.create(name, address.value(), hash, Role.DISTRIBUTOR, Approval.APPROVED);
            audit.record(AuditEntry.of(actor, "DISTRIBUTOR_CREATE", "USER", user.id().value(), "username=" + name, clock.instant()));
            return user;
        });
    }

    @Override
    public Page<User> pending(PageRequest page) {
        Optional<UserId> after = page.cursor().map(c -> c.longKey(PENDING_LIST, 1, 0)).map(id -> {
            if (id < 1) {
                throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "the cursor is not valid; start again from the first page");
            }
            return new UserId(id);
        });
        List<User> rows = users.distributors(Approval.PENDING, after, page.limit() + 1);
        boolean more = rows.size() > page.limit();
        List<User> shown = more ? rows.subList(0, page.limit()) : rows;
        return new Page<>(shown, more ? Optional.of(PageCursor.of(PENDING_LIST, shown.get(shown.size() - 1).id().value()))
                : Optional.empty());
    }

    @Override
    public List<AccountView> accounts(Actor actor, Set<Approval> approvals, Optional<UserId> after, int limit) {
        actor.requireAnyOf(ADMINS_ONLY, Role.ADMIN);
        if (limit < 1 || limit > MAX_PAGE) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "limit must be between 1 and " + MAX_PAGE);
        }
        if (approvals.isEmpty()) {
            return List.of();
        }
        return users.distributorAccounts(approvals, after, limit);
    }

    @Override
    public AccountView account(Actor actor, UserId distributor) {
        actor.requireAnyOf(ADMINS_ONLY, Role.ADMIN);
        return users.account(distributor).filter(a -> a.role() == Role.DISTRIBUTOR)
                .orElseThrow(() -> DomainException.notFound("distributor " + distributor.value() + " does not exist"));
    }

    @Override
    public User approve(Actor actor, UserId distributor) {
        return transition(actor, distributor, Approval::approve, "DISTRIBUTOR_APPROVE", null);
    }

    @Override
    public User reject(Actor actor, UserId distributor, Optional<String> reason) {
        Optional<String> given = reason.map(String::strip).filter(r -> !r.isEmpty());
        if (given.filter(r -> r.length() > MAX_REASON_LENGTH).isPresent()) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "reason must have at most " + MAX_REASON_LENGTH + " characters");
        }
        return transition(actor, distributor, Approval::reject, "DISTRIBUTOR_REJECT", given.map(r -> "reason=" + r).orElse(null),
                () -> users.recordRejectionReason(distributor, given));
    }

    @Override
    public User suspend(Actor actor, UserId distributor) {
        return transition(actor, distributor, Approval::suspend, "DISTRIBUTOR_SUSPEND", null);
    }

    @Override
    public User reactivate(Actor actor, UserId distributor) {
        return transition(actor, distributor, Approval::reactivate, "DISTRIBUTOR_REACTIVATE", null);
    }

    @Override
    public void delete(Actor actor, UserId distributor) {
        actor.requireAnyOf(ADMINS_ONLY, Role.ADMIN);
        transactions.inTransaction(() -> {
            User user = distributor(distributor);
            if (users.hasCodesOrdersOrInvitations(distributor)) {
                throw new DomainException(ErrorCode.CONFLICT,
                        "This distributor has codes, orders or invitations; deleting it would orphan them. Suspend it instead.");
            }
            if (users.hasSettlementOrCustomerRecords(distributor)) {
                throw new DomainException(ErrorCode.DISTRIBUTOR_HAS_RECORDS,
                        "This distributor has settlement records (ledger entries, statements) or customer notes and tags; "
                                + "deleting it would erase them. Suspend it instead.");
            }
            users.delete(distributor);
            audit.record(AuditEntry.of(actor, "DISTRIBUTOR_DELETE", "USER", distributor.value(),
                    "username=" + user.username(), clock.instant()));
        });
    }

    private User transition(Actor actor, UserId id, UnaryOperator<Approval> move, String action, String details) {
        return transition(actor, id, move, action, details, () -> { });
    }

    /** {@code alongside} runs in the transition's transaction, after the move. */
    private User transition(Actor actor, UserId id, UnaryOperator<Approval> move, String action, String details, Runnable alongside) {
        actor.requireAnyOf(ADMINS_ONLY, Role.ADMIN);
        return transactions.inTransaction(() -> {
            User user = distributor(id);
            Approval from = user.approval().orElseThrow();
            Approval to = move.apply(from);
            User changed = users.changeApproval(id, from, to, to.revokesTokens())
                    .orElseThrow(() -> new DomainException(ErrorCode.CONFLICT, "The distributor changed meanwhile; try again."));
            alongside.run();
            audit.record(AuditEntry.of(actor, action, "USER", id.value(),
                    details == null ? from + "->" + to : from + "->" + to + " " + details, clock.instant()));
            return changed;
        });
    }

    private User distributor(UserId id) {
        return users.findById(id).filter(User::isDistributor)
                .orElseThrow(() -> DomainException.notFound("distributor " + id.value() + " does not exist"));
    }

}

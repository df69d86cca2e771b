package io.invitehub.application.shared.port.out;

import io.invitehub.application.shared.view.AccountView;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Storage of users (staff and distributors). */
public interface Users {

    /** Creates a user; throws a CONFLICT {@link io.invitehub.domain.shared.DomainException} when the username or e-mail is taken. */
    User create(String username, String email, String passwordHash, Role role, Approval approval);

    Optional<User> findById(UserId id);

    Optional<User> findByUsername(String username);

    boolean anyWithRole(Role role);

    /**
     * Moves a distributor from {@code from} to {@code to} only if it is still in {@code from}, incrementing its
     * token version when {@code revokeTokens}; empty when no distributor with that id is in {@code from}.
     */
    Optional<User> changeApproval(UserId id, Approval from, Approval to, boolean revokeTokens);

    /**
     * Replaces the password hash and increments the token version, only if the token version is still
     * {@code expectedTokenVersion}; empty otherwise (a concurrent change won).
     */
    Optional<User> changePassword(UserId id, int expectedTokenVersion, String passwordHash);

    /** Distributors in {@code approval}, by id ascending, after {@code after} when given; at most {@code limit}. */
    List<User> distributors(Approval approval, Optional<UserId> after, int limit);

    /**
     * Stores the reason given when the distributor was rejected (empty: none), shown to admins in the
     * reference dialect's list of distributors awaiting a decision.
     */
    void recordRejectionReason(UserId id, Optional<String> reason);

    /** The account with its creation time and rejection reason; empty when there is no such user. */
    Optional<AccountView> account(UserId id);

    /** Distributors whose approval is one of {@code approvals}, by id ascending, after {@code after}; at most {@code limit}. */
    List<AccountView> distributorAccounts(Set<Approval> approvals, Optional<UserId> after, int limit);

    /** True when the user owns a code, bought an order or is the distributor of an invitation. */
    boolean hasCodesOrdersOrInvitations(UserId id);

    /**
     * True when the user has settlement history (ledger entries, statements, a settlement account: ADR 37) or CRM
     * tags, notes or note edits (ADR 36): records a deletion must not erase.
     */
    boolean hasSettlementOrCustomerRecords(UserId id);

    /**
     * Deletes the user; false when there is none. A CONFLICT {@link io.invitehub.domain.shared.DomainException}
     * when rows still refer to it (codes, orders, invitations). Audit entries it wrote keep no actor.
     */
    boolean delete(UserId id);
}

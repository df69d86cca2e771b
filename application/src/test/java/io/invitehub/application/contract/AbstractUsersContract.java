package io.invitehub.application.contract;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link io.invitehub.application.shared.port.out.Users}, for the fake and every adapter. */
public abstract class AbstractUsersContract extends StorageContractSupport {

    @Override
    protected abstract StoragePorts newStorage();

    private User create(String username, String email, Role role, Approval approval) {
        return tx(() -> storage.users().create(username, email, "hash-" + username, role, approval));
    }

    private static void assertConflict(Runnable creation) {
        assertThatThrownBy(creation::run).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }

    @Test
    void createStoresTheUser() {
        User user = create("ann", "ann@dist.com", Role.DISTRIBUTOR, Approval.PENDING);

        assertThat(user.username()).isEqualTo("ann");
        assertThat(user.email()).contains("ann@dist.com");
        assertThat(user.role()).isEqualTo(Role.DISTRIBUTOR);
        assertThat(user.approval()).contains(Approval.PENDING);
        assertThat(user.passwordHash()).isEqualTo("hash-ann");
        assertThat(user.tokenVersion()).isZero();

        User byId = storage.users().findById(user.id()).orElseThrow();
        assertThat(byId).usingRecursiveComparison().isEqualTo(user);
        assertThat(storage.users().findByUsername("ann").map(User::id)).contains(user.id());
    }

    /** Issue 10: 'ADMIN' cannot be created beside 'admin' (V19: a unique index on lower(username)). */
    @Test
    void usernamesDifferingOnlyInCaseAreTheSameName() {
        create("Admin", null, Role.ADMIN, null);

        assertConflict(() -> create("admin", null, Role.OPERATOR, null));
        assertConflict(() -> create("ADMIN", "admin@dist.com", Role.DISTRIBUTOR, Approval.PENDING));
        assertThat(storage.users().findByUsername("Admin")).isPresent();
        assertThat(create("Admin2", null, Role.OPERATOR, null).username()).isEqualTo("Admin2");
    }

    @Test
    void staffMayHaveNoEmailAndNoApproval() {
        User admin = create("root", null, Role.ADMIN, null);
        User operator = create("op", null, Role.OPERATOR, null);

        assertThat(storage.users().findById(admin.id()).orElseThrow().email()).isEmpty();
        assertThat(storage.users().findById(admin.id()).orElseThrow().approval()).isEmpty();
        assertThat(operator.id()).isNotEqualTo(admin.id());
    }

    @Test
    void unknownUsersAreNotFound() {
        assertThat(storage.users().findById(new UserId(987_654_321L))).isEmpty();
        assertThat(storage.users().findByUsername("nobody")).isEmpty();
    }

    @Test
    void aTakenUsernameIsAConflict() {
        create("ann", "ann@dist.com", Role.DISTRIBUTOR, Approval.APPROVED);

        assertConflict(() -> create("ann", "other@dist.com", Role.DISTRIBUTOR, Approval.APPROVED));
        assertThat(storage.users().findByUsername("ann").orElseThrow().email()).contains("ann@dist.com");
    }

    @Test
    void aTakenEmailIsAConflict() {
        create("ann", "ann@dist.com", Role.DISTRIBUTOR, Approval.APPROVED);

        assertConflict(() -> create("bob", "ann@dist.com", Role.DISTRIBUTOR, Approval.APPROVED));
        assertThat(storage.users().findByUsername("bob")).isEmpty();
    }

    @Test
    void anyWithRole() {
        assertThat(storage.users().anyWithRole(Role.ADMIN)).isFalse();
        create("ann", "ann@dist.com", Role.DISTRIBUTOR, Approval.APPROVED);
        assertThat(storage.users().anyWithRole(Role.ADMIN)).isFalse();
        assertThat(storage.users().anyWithRole(Role.DISTRIBUTOR)).isTrue();
        create("root", null, Role.ADMIN, null);
        assertThat(storage.users().anyWithRole(Role.ADMIN)).isTrue();
        assertThat(storage.users().anyWithRole(Role.OPERATOR)).isFalse();
    }

    @Test
    void changeApprovalMovesOnlyFromTheExpectedStateAndRevokesWhenAsked() {
        User ann = create("ann", "ann@dist.com", Role.DISTRIBUTOR, Approval.PENDING);
        User root = create("root", null, Role.ADMIN, null);

        assertThat(tx(() -> storage.users().changeApproval(ann.id(), Approval.APPROVED, Approval.SUSPENDED, true))).isEmpty();
        assertThat(tx(() -> storage.users().changeApproval(root.id(), Approval.PENDING, Approval.APPROVED, false))).isEmpty();
        User approved = tx(() -> storage.users().changeApproval(ann.id(), Approval.PENDING, Approval.APPROVED, false)).orElseThrow();
        assertThat(approved.approval()).contains(Approval.APPROVED);
        assertThat(approved.tokenVersion()).isZero();
        User suspended = tx(() -> storage.users().changeApproval(ann.id(), Approval.APPROVED, Approval.SUSPENDED, true)).orElseThrow();
        assertThat(suspended.tokenVersion()).isEqualTo(1);
        assertThat(storage.users().findById(ann.id()).orElseThrow()).usingRecursiveComparison().isEqualTo(suspended);
        assertThat(storage.users().findById(root.id()).orElseThrow().approval()).isEmpty();
    }

    @Test
    void changePasswordNeedsTheExpectedTokenVersion() {
        User ann = create("ann", "ann@dist.com", Role.DISTRIBUTOR, Approval.APPROVED);

        assertThat(tx(() -> storage.users().changePassword(ann.id(), 1, "new-hash"))).isEmpty();
        User changed = tx(() -> storage.users().changePassword(ann.id(), 0, "new-hash")).orElseThrow();

        assertThat(changed.passwordHash()).isEqualTo("new-hash");
        assertThat(changed.tokenVersion()).isEqualTo(1);
        assertThat(storage.users().findById(ann.id()).orElseThrow().passwordHash()).isEqualTo("new-hash");
    }

    @Test
    void distributorsByApprovalArePagedById() {
        User a = create("a1", "a1@dist.com", Role.DISTRIBUTOR, Approval.PENDING);
        create("b1", "b1@dist.com", Role.DISTRIBUTOR, Approval.APPROVED);
        User c = create("c1", "c1@dist.com", Role.DISTRIBUTOR, Approval.PENDING);
        create("root", null, Role.ADMIN, null);
        User d = create("d1", "d1@dist.com", Role.DISTRIBUTOR, Approval.PENDING);

        assertThat(storage.users().distributors(Approval.PENDING, java.util.Optional.empty(), 2)).extracting(User::id)
                .containsExactly(a.id(), c.id());
        assertThat(storage.users().distributors(Approval.PENDING, java.util.Optional.of(c.id()), 10)).extracting(User::id)
                .containsExactly(d.id());
        assertThat(storage.users().distributors(Approval.SUSPENDED, java.util.Optional.empty(), 10)).isEmpty();
    }

    @Test
    void accountsCarryCreationTimeAndTheRejectionReasonAndListByApprovals() {
        User pending = create("p1", "p1@dist.com", Role.DISTRIBUTOR, Approval.PENDING);
        User rejected = create("r1", "r1@dist.com", Role.DISTRIBUTOR, Approval.PENDING);
        create("ok1", "ok1@dist.com", Role.DISTRIBUTOR, Approval.APPROVED);
        User root = create("root", null, Role.ADMIN, null);
        tx(() -> storage.users().changeApproval(rejected.id(), Approval.PENDING, Approval.REJECTED, true));
        tx(() -> {
            storage.users().recordRejectionReason(rejected.id(), java.util.Optional.of("no website"));
            return null;
        });

        io.invitehub.application.shared.view.AccountView account = storage.users().account(rejected.id()).orElseThrow();
        assertThat(account.username()).isEqualTo("r1");
        assertThat(account.email()).contains("r1@dist.com");
        assertThat(account.role()).isEqualTo(Role.DISTRIBUTOR);
        assertThat(account.approval()).contains(Approval.REJECTED);
        assertThat(account.rejectionReason()).contains("no website");
        assertThat(account.createdAt()).isAfterOrEqualTo(storage.users().account(pending.id()).orElseThrow().createdAt());
        io.invitehub.application.shared.view.AccountView admin = storage.users().account(root.id()).orElseThrow();
        assertThat(admin.email()).isEmpty();
        assertThat(admin.approval()).isEmpty();
        assertThat(admin.rejectionReason()).isEmpty();
        assertThat(storage.users().account(new UserId(987_654_321L))).isEmpty();

        assertThat(storage.users().distributorAccounts(java.util.EnumSet.of(Approval.PENDING, Approval.REJECTED), java.util.Optional.empty(), 10))
                .extracting(io.invitehub.application.shared.view.AccountView::id).containsExactly(pending.id(), rejected.id());
        assertThat(storage.users().distributorAccounts(java.util.EnumSet.of(Approval.PENDING, Approval.REJECTED),
                java.util.Optional.of(pending.id()), 10)).extracting(io.invitehub.application.shared.view.AccountView::id)
                .containsExactly(rejected.id());
        assertThat(storage.users().distributorAccounts(java.util.EnumSet.of(Approval.PENDING, Approval.REJECTED), java.util.Optional.empty(), 1))
                .hasSize(1);

        tx(() -> {
            storage.users().recordRejectionReason(rejected.id(), java.util.Optional.empty());
            return null;
        });
        assertThat(storage.users().account(rejected.id()).orElseThrow().rejectionReason()).isEmpty();
    }

    @Test
    void deleteRemovesAUserNobodyRefersToAndRefusesAnOwner() {
        User empty = create("empty", "e@dist.com", Role.DISTRIBUTOR, Approval.PENDING);
        User owner = newDistributor();
        newCode(new io.invitehub.domain.code.CodeTerms(java.util.Optional.of(owner.id()), 1, 30, java.util.Optional.empty(),
                java.util.Optional.empty(), 1, java.util.Optional.empty()));

        assertThat(storage.users().hasCodesOrdersOrInvitations(empty.id())).isFalse();
        assertThat(storage.users().hasCodesOrdersOrInvitations(owner.id())).isTrue();
        assertThat(tx(() -> storage.users().delete(empty.id()))).isTrue();
        assertThat(storage.users().findById(empty.id())).isEmpty();
        assertThat(tx(() -> storage.users().delete(empty.id()))).isFalse();
        assertConflict(() -> tx(() -> storage.users().delete(owner.id())));
        assertThat(storage.users().findById(owner.id())).isPresent();
    }

    @Test
    void aDistributorWhoseCodesWereAllDeletedCanBeDeleted() {
        User owner = create("cat", "cat@dist.com", Role.DISTRIBUTOR, Approval.APPROVED);
        io.invitehub.domain.code.RedeemCode code = newCode(new io.invitehub.domain.code.CodeTerms(
                java.util.Optional.of(owner.id()), 1, 30, java.util.Optional.empty(), java.util.Optional.empty(), 1,
                java.util.Optional.empty()));
        assertThat(tx(() -> storage.codes().deleteIfUnused(code.id())))
                .isEqualTo(io.invitehub.application.shared.port.out.RedeemCodes.Deletion.DELETED);
        assertThat(storage.users().hasCodesOrdersOrInvitations(owner.id())).isFalse();

        // the statistics the code once counted (now zero) must not keep the account
        assertThat(tx(() -> storage.users().delete(owner.id()))).isTrue();
        assertThat(storage.users().findById(owner.id())).isEmpty();
    }
}

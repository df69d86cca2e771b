package io.invitehub.application.accounts.service;

import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.fakes.PlainPasswordHasher;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageCursor;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DistributorAdminServiceTest {
    private final Fixture f = new Fixture();
    private final DistributorAdminService admin = new DistributorAdminService(f.storage.transactions(), f.storage.users(),
            new PlainPasswordHasher(), f.storage.auditLog(), f.clock);
    private final User root = user("root", Role.ADMIN, null);
    private final Actor actor = Actor.of(root);

    private User user(String name, Role role, Approval approval) {
        return f.storage.transactions().inTransaction(() -> f.storage.users().create(name, role == Role.ADMIN ? null : name + "@host.com",
                "plain:password1", role, approval));
    }

    private static void assertRefused(Runnable call, ErrorCode code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private AuditEntry lastAudit() {
        return f.storage.auditLog().latest(1).get(0);
    }

    @Test
    void approvingAPendingDistributorLetsItActAndIsAudited() {
        User shop = user("shop", Role.DISTRIBUTOR, Approval.PENDING);

        User approved = admin.approve(actor, shop.id());

        assertThat(approved.approval()).contains(Approval.APPROVED);
        assertThat(approved.tokenVersion()).isZero();
        assertThat(approved.mayAct()).isTrue();
        assertThat(lastAudit()).isEqualTo(new AuditEntry(actor, "DISTRIBUTOR_APPROVE", "USER", Long.toString(shop.id().value()),
                Optional.of("PENDING->APPROVED"), Fixture.START));
    }

    @Test
    void rejectionAndSuspensionRevokeTokens() {
        User pending = user("pending", Role.DISTRIBUTOR, Approval.PENDING);
        User active = user("active", Role.DISTRIBUTOR, Approval.APPROVED);

        User rejected = admin.reject(actor, pending.id(), Optional.of("  no website "));
        assertThat(rejected.approval()).contains(Approval.REJECTED);
        assertThat(rejected.tokenVersion()).isEqualTo(1);
        assertThat(lastAudit().details()).contains("PENDING->REJECTED reason=no website");

        User suspended = admin.suspend(actor, active.id());
        assertThat(suspended.approval()).contains(Approval.SUSPENDED);
        assertThat(suspended.tokenVersion()).isEqualTo(1);

        User reactivated = admin.reactivate(actor, active.id());
        assertThat(reactivated.approval()).contains(Approval.APPROVED);
        assertThat(reactivated.tokenVersion()).isEqualTo(1);
        assertThat(f.storage.auditLog().latest(10)).extracting(AuditEntry::action).containsExactly(
                "DISTRIBUTOR_REACTIVATE", "DISTRIBUTOR_SUSPEND", "DISTRIBUTOR_REJECT");
    }

    @Test
    void theRejectionReasonIsKeptAndApplicationsAreListedWithItForAdminsOnly() {
        User pending = user("pending", Role.DISTRIBUTOR, Approval.PENDING);
        User quiet = user("quiet", Role.DISTRIBUTOR, Approval.PENDING);
        user("active", Role.DISTRIBUTOR, Approval.APPROVED);
        admin.reject(actor, pending.id(), Optional.of("  no website "));
        admin.reject(actor, quiet.id(), Optional.of("   "));

        List<io.invitehub.application.shared.view.AccountView> applications =
                admin.accounts(actor, java.util.EnumSet.of(Approval.PENDING, Approval.REJECTED), Optional.empty(), 10);
        assertThat(applications).extracting(a -> a.username() + " " + a.approval().orElseThrow() + " " + a.rejectionReason().orElse("-"))
                .containsExactly("pending REJECTED no website", "quiet REJECTED -");
        assertThat(admin.accounts(actor, java.util.EnumSet.noneOf(Approval.class), Optional.empty(), 10)).isEmpty();
        assertThat(admin.account(actor, pending.id()).rejectionReason()).contains("no website");
        assertRefused(() -> admin.account(actor, root.id()), ErrorCode.NOT_FOUND, "distributor " + root.id().value() + " does not exist");
        assertRefused(() -> admin.accounts(actor, java.util.EnumSet.of(Approval.PENDING), Optional.empty(), 501),
                ErrorCode.VALIDATION_FAILED, "limit must be between 1 and 500");
        Actor operator = Actor.of(user("op", Role.OPERATOR, null));
        assertThatThrownBy(() -> admin.accounts(operator, java.util.EnumSet.of(Approval.PENDING), Optional.empty(), 10))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> admin.account(operator, pending.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        String tooLong = "x".repeat(501);
        User third = user("third", Role.DISTRIBUTOR, Approval.PENDING);
        assertRefused(() -> admin.reject(actor, third.id(), Optional.of(tooLong)), ErrorCode.VALIDATION_FAILED,
                "reason must have at most 500 characters");
        assertThat(admin.account(actor, third.id()).approval()).contains(Approval.PENDING);
    }

    @Test
    void illegalMovesAreConflictsAndChangeNothing() {
        User active = user("active", Role.DISTRIBUTOR, Approval.APPROVED);

        assertRefused(() -> admin.approve(actor, active.id()), ErrorCode.CONFLICT,
                "cannot approve a distributor that is APPROVED (only one that is PENDING)");
        assertRefused(() -> admin.reject(actor, active.id(), Optional.empty()), ErrorCode.CONFLICT,
                "cannot reject a distributor that is APPROVED (only one that is PENDING)");
        assertRefused(() -> admin.reactivate(actor, active.id()), ErrorCode.CONFLICT,
                "cannot reactivate a distributor that is APPROVED (only one that is SUSPENDED)");
        assertThat(f.storage.users().findById(active.id()).orElseThrow().approval()).contains(Approval.APPROVED);
        assertThat(f.storage.auditLog().latest(10)).isEmpty();
    }

    @Test
    void onlyDistributorsAndOnlyAdmins() {
        User operator = user("op", Role.OPERATOR, null);
        User shop = user("shop", Role.DISTRIBUTOR, Approval.PENDING);

        assertRefused(() -> admin.approve(actor, operator.id()), ErrorCode.NOT_FOUND, "distributor " + operator.id().value() + " does not exist");
        assertRefused(() -> admin.approve(actor, new UserId(4242)), ErrorCode.NOT_FOUND, "distributor 4242 does not exist");
        assertRefused(() -> admin.approve(Actor.of(operator), shop.id()), ErrorCode.FORBIDDEN, "Only an admin may manage distributors.");
        assertRefused(() -> admin.create(Actor.of(operator), "new_shop", "n@host.com", "password1".toCharArray()), ErrorCode.FORBIDDEN,
                "Only an admin may manage distributors.");
        assertThat(f.storage.users().findById(shop.id()).orElseThrow().approval()).contains(Approval.PENDING);
    }

    @Test
    void pendingDistributorsArePagedById() {
        User a = user("a_shop", Role.DISTRIBUTOR, Approval.PENDING);
        user("b_shop", Role.DISTRIBUTOR, Approval.APPROVED);
        User c = user("c_shop", Role.DISTRIBUTOR, Approval.PENDING);
        User d = user("d_shop", Role.DISTRIBUTOR, Approval.PENDING);

        Page<User> first = admin.pending(PageRequest.first(2));
        assertThat(first.items()).extracting(User::id).containsExactly(a.id(), c.id());
        assertThat(first.nextCursor()).isPresent();
        Page<User> second = admin.pending(PageRequest.of(2, first.nextCursor().orElseThrow()));
        assertThat(second.items()).extracting(User::id).containsExactly(d.id());
        assertThat(second.next()).as("the last page").isEmpty();
        assertThat(admin.pending(PageRequest.first(3)).next()).as("exactly full: no empty page after it").isEmpty();
        assertThatThrownBy(() -> admin.pending(PageRequest.of(2, PageCursor.of("codes", 1L).encode())))
                .hasMessage("the cursor belongs to another list");
        assertThatThrownBy(() -> admin.pending(PageRequest.of(2, PageCursor.of("pending", 0L).encode())))
                .hasMessageContaining("the cursor is not valid");
    }

    @Test
    void createMakesAnApprovedDistributor() {
        User created = admin.create(actor, " shop_1 ", " Shop@Host.COM ", "password1".toCharArray());

        assertThat(created.username()).isEqualTo("shop_1");
        assertThat(created.email()).contains("shop@host.com");
        assertThat(created.approval()).contains(Approval.APPROVED);
        assertThat(created.passwordHash()).isEqualTo("plain:password1");
        assertThat(lastAudit()).isEqualTo(new AuditEntry(actor, "DISTRIBUTOR_CREATE", "USER", Long.toString(created.id().value()),
                Optional.of("username=shop_1"), Fixture.START));
    }

    @Test
    void deleteRemovesADistributorWithoutBusinessAndRefusesOneWithCodes() {
        User empty = user("empty", Role.DISTRIBUTOR, Approval.PENDING);
        User busy = user("busy", Role.DISTRIBUTOR, Approval.APPROVED);
        f.code(new io.invitehub.domain.code.CodeTerms(Optional.of(busy.id()), 1, 30, Optional.empty(), Optional.empty(), 1,
                Optional.empty()));

        admin.delete(actor, empty.id());
        assertThat(f.storage.users().findById(empty.id())).isEmpty();
        assertThat(lastAudit()).isEqualTo(new AuditEntry(actor, "DISTRIBUTOR_DELETE", "USER", Long.toString(empty.id().value()),
                Optional.of("username=empty"), Fixture.START));

        assertRefused(() -> admin.delete(actor, busy.id()), ErrorCode.CONFLICT,
                "This distributor has codes, orders or invitations; deleting it would orphan them. Suspend it instead.");
        assertThat(f.storage.users().findById(busy.id())).isPresent();
        assertThat(f.storage.auditLog().latest(10)).hasSize(1);
        assertThat(List.of(admin.suspend(actor, busy.id()).approval().orElseThrow())).containsExactly(Approval.SUSPENDED);
    }
}

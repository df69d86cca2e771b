package io.invitehub.application.service;

import io.invitehub.application.fakes.PlainPasswordHasher;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountsServiceTest {
    private static final String BAD_CREDENTIALS = "Invalid username or password.";

    private final Fixture f = new Fixture();
    private final AccountsService accounts = new AccountsService(f.storage.transactions(), f.storage.users(), new PlainPasswordHasher());

    private static void assertRefused(Runnable call, ErrorCode code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void createsAnApprovedDistributorWithAHashedPassword() {
        User user = accounts.createDistributor(" shop_1 ", " Shop@Host.COM ", "password1".toCharArray());

        assertThat(user.username()).isEqualTo("shop_1");
        assertThat(user.email()).contains("shop@host.com");
        assertThat(user.role()).isEqualTo(Role.DISTRIBUTOR);
        assertThat(user.approval()).contains(Approval.APPROVED);
        assertThat(user.passwordHash()).isEqualTo("plain:password1");
        assertThat(f.storage.users().findByUsername("shop_1").map(User::id)).contains(user.id());
    }

    @Test
    void authenticatesWithTheRightPassword() {
        User created = accounts.createDistributor("shop_1", "shop@host.com", "password1".toCharArray());

        User user = accounts.authenticate(" shop_1 ", "password1".toCharArray());

        assertThat(user.id()).isEqualTo(created.id());
        assertThat(user.role()).isEqualTo(Role.DISTRIBUTOR);
    }

    @Test
    void aWrongPasswordAnUnknownUserAndMissingInputAreTheSameRefusal() {
        accounts.createDistributor("shop_1", "shop@host.com", "password1".toCharArray());

        assertRefused(() -> accounts.authenticate("shop_1", "password2".toCharArray()), ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
        assertRefused(() -> accounts.authenticate("nobody", "password1".toCharArray()), ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
        assertRefused(() -> accounts.authenticate(null, "password1".toCharArray()), ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
        assertRefused(() -> accounts.authenticate("shop_1", null), ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
    }

    @Test
    void aDistributorWhoIsNotApprovedIsForbidden() {
        for (Approval approval : new Approval[] {Approval.PENDING, Approval.REJECTED, Approval.SUSPENDED}) {
            String name = "shop_" + approval.name().toLowerCase();
            f.storage.transactions().inTransaction(() -> f.storage.users().create(name, name + "@host.com",
                    "plain:password1", Role.DISTRIBUTOR, approval));

            assertRefused(() -> accounts.authenticate(name, "password1".toCharArray()), ErrorCode.FORBIDDEN,
                    "This account is not approved.");
        }
    }

    @Test
    void aNotApprovedDistributorWithAWrongPasswordLearnsNothing() {
        f.storage.transactions().inTransaction(() -> f.storage.users().create("pending", "p@host.com", "plain:password1",
                Role.DISTRIBUTOR, Approval.PENDING));

        assertRefused(() -> accounts.authenticate("pending", "wrong-pass".toCharArray()), ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
    }

    @Test
    void ensureAdminCreatesTheFirstAdminOnlyOnce() {
        Optional<User> first = accounts.ensureAdmin("admin", "admin-pass".toCharArray());
        Optional<User> second = accounts.ensureAdmin("admin2", "admin-pass2".toCharArray());

        assertThat(first).hasValueSatisfying(admin -> {
            assertThat(admin.username()).isEqualTo("admin");
            assertThat(admin.role()).isEqualTo(Role.ADMIN);
            assertThat(admin.email()).isEmpty();
            assertThat(admin.passwordHash()).isEqualTo("plain:admin-pass");
        });
        assertThat(second).isEmpty();
        assertThat(f.storage.users().findByUsername("admin2")).isEmpty();
        assertThat(accounts.authenticate("admin", "admin-pass".toCharArray()).role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void validatesUsernamePasswordAndEmail() {
        String usernameRule = "username must be 3-64 letters, digits, '_', '.' or '-'";
        String passwordRule = "password must have 8 to 1024 characters";
        for (String bad : new String[] {"ab", "has space", "emoji☺", "x".repeat(65)}) {
            assertThatThrownBy(() -> accounts.createDistributor(bad, "a@host.com", "password1".toCharArray()))
                    .isInstanceOf(MalformedInputException.class).hasMessage(usernameRule);
        }
        assertThatThrownBy(() -> accounts.createDistributor(null, "a@host.com", "password1".toCharArray()))
                .isInstanceOf(MalformedInputException.class).hasMessage(usernameRule);
        assertThatThrownBy(() -> accounts.createDistributor("shop", "a@host.com", "1234567".toCharArray()))
                .isInstanceOf(MalformedInputException.class).hasMessage(passwordRule);
        assertThatThrownBy(() -> accounts.createDistributor("shop", "a@host.com", "x".repeat(1025).toCharArray()))
                .isInstanceOf(MalformedInputException.class).hasMessage(passwordRule);
        assertThatThrownBy(() -> accounts.ensureAdmin("admin", null))
                .isInstanceOf(MalformedInputException.class).hasMessage(passwordRule);
        assertThatThrownBy(() -> accounts.createDistributor("shop", "not-an-email", "password1".toCharArray()))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_EMAIL));
        assertThat(accounts.createDistributor("a.b-c_" + "x".repeat(58), "ok@host.com", "12345678".toCharArray()).username())
                .hasSize(64);
        assertThat(f.storage.users().anyWithRole(Role.ADMIN)).isFalse();
    }

    @Test
    void aTakenUsernameIsAConflict() {
        accounts.createDistributor("shop", "shop@host.com", "password1".toCharArray());

        assertThatThrownBy(() -> accounts.createDistributor("shop", "other@host.com", "password1".toCharArray()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }
}

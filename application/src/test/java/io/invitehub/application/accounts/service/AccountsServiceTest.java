package io.invitehub.application.accounts.service;

import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.fakes.PlainPasswordHasher;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountsServiceTest {
    private final Fixture f = new Fixture();
    private final AccountsService accounts = new AccountsService(f.storage.transactions(), f.storage.users(),
            new PlainPasswordHasher(), f.storage.auditLog(), f.clock);

    @Test
    void ensureAdminCreatesTheFirstAdminOnlyOnce() {
        Optional<User> first = accounts.ensureAdmin("admin", "admin-pass".toCharArray());
        Optional<User> second = accounts.ensureAdmin("other", "other-pass".toCharArray());

        assertThat(first.orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(first.orElseThrow().passwordHash()).isEqualTo("plain:admin-pass");
        assertThat(second).isEmpty();
        assertThat(f.storage.users().findByUsername("other")).isEmpty();
        assertThat(f.storage.auditLog().latest(10)).containsExactly(new AuditEntry(Actor.system(), "ADMIN_CREATE", "USER",
                Long.toString(first.orElseThrow().id().value()), Optional.of("username=admin"), Fixture.START));
    }

    @Test
    void aStartWithTheAdminInPlaceHashesNoPassword() {
        java.util.concurrent.atomic.AtomicInteger hashes = new java.util.concurrent.atomic.AtomicInteger();
        PlainPasswordHasher plain = new PlainPasswordHasher();
        AccountsService counted = new AccountsService(f.storage.transactions(), f.storage.users(),
                new io.invitehub.application.accounts.port.out.PasswordHasher() {
                    @Override
                    public String hash(char[] password) {
                        hashes.incrementAndGet();
                        return plain.hash(password);
                    }

                    @Override
                    public boolean matches(char[] password, String hash) {
                        return plain.matches(password, hash);
                    }
                }, f.storage.auditLog(), f.clock);

        assertThat(counted.ensureAdmin("admin", "admin-pass".toCharArray())).isPresent();
        assertThat(hashes).hasValue(1);
        // every later start (a restart, another node): the admin exists, so the production-cost hash is not computed
        assertThat(counted.ensureAdmin("admin", "other-pass".toCharArray())).isEmpty();
        assertThat(hashes).hasValue(1);
        assertThat(f.storage.users().findByUsername("admin").orElseThrow().passwordHash()).isEqualTo("plain:admin-pass");
    }

    @Test
    void theServiceIsSetUpOnceAnAdminExistsAndAnAccountReadsBackWithItsCreationTime() {
        assertThat(accounts.adminExists()).isFalse();
        User admin = accounts.ensureAdmin("admin", "admin-pass".toCharArray()).orElseThrow();
        assertThat(accounts.adminExists()).isTrue();

        io.invitehub.application.shared.view.AccountView account = accounts.account(admin.id());
        assertThat(account.username()).isEqualTo("admin");
        assertThat(account.role()).isEqualTo(Role.ADMIN);
        assertThat(account.createdAt()).isEqualTo(Fixture.START);
        assertThatThrownBy(() -> accounts.account(new io.invitehub.domain.user.UserId(999)))
                .isInstanceOfSatisfying(io.invitehub.domain.shared.DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(io.invitehub.domain.shared.ErrorCode.UNAUTHORIZED));
    }

    @Test
    void ensureAdminValidatesThePassword() {
        assertThatThrownBy(() -> accounts.ensureAdmin("admin", null))
                .isInstanceOf(MalformedInputException.class).hasMessage("password must have 8 to 1024 characters");
        assertThatThrownBy(() -> accounts.ensureAdmin("a", "long-enough".toCharArray()))
                .isInstanceOf(MalformedInputException.class).hasMessage("username must be 3-64 letters, digits, '_', '.' or '-'");
    }

    @Test
    void changingThePasswordReplacesTheHashAndIncrementsTheTokenVersion() {
        User admin = accounts.ensureAdmin("admin", "admin-pass".toCharArray()).orElseThrow();

        User changed = accounts.changePassword(admin.id(), "admin-pass".toCharArray(), "new-password".toCharArray());

        assertThat(changed.passwordHash()).isEqualTo("plain:new-password");
        assertThat(changed.tokenVersion()).isEqualTo(1);
        assertThat(f.storage.users().findById(admin.id()).orElseThrow().tokenVersion()).isEqualTo(1);
        assertThat(f.storage.auditLog().latest(1)).extracting(AuditEntry::action, AuditEntry::details)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PASSWORD_CHANGE", Optional.empty()));
    }

    @Test
    void aWrongOldPasswordChangesNothing() {
        User admin = accounts.ensureAdmin("admin", "admin-pass".toCharArray()).orElseThrow();

        assertThatThrownBy(() -> accounts.changePassword(admin.id(), "wrong-pass".toCharArray(), "new-password".toCharArray()))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
                    assertThat(e.getMessage()).isEqualTo("The old password is wrong.");
                });
        assertThatThrownBy(() -> accounts.changePassword(admin.id(), "admin-pass".toCharArray(), "short".toCharArray()))
                .isInstanceOf(MalformedInputException.class);
        User stored = f.storage.users().findById(admin.id()).orElseThrow();
        assertThat(stored.passwordHash()).isEqualTo("plain:admin-pass");
        assertThat(stored.tokenVersion()).isZero();
    }
}

package io.invitehub.application.service;

import io.invitehub.application.port.in.AccountsUseCase;
import io.invitehub.application.port.out.PasswordHasher;
import io.invitehub.application.port.out.TransactionRunner;
import io.invitehub.application.port.out.Users;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;

import java.util.Optional;
import java.util.regex.Pattern;

public final class AccountsService implements AccountsUseCase {
    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int MAX_PASSWORD_LENGTH = 1024;
    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9_.-]{3,64}$");
    private static final String BAD_CREDENTIALS = "Invalid username or password.";
    /** Checked when the username is unknown, so both refusals cost one hash verification (no timing oracle). */
    private final String dummyHash;

    private final TransactionRunner transactions;
    private final Users users;
    private final PasswordHasher hasher;

    public AccountsService(TransactionRunner transactions, Users users, PasswordHasher hasher) {
        this.transactions = transactions;
        this.users = users;
        this.hasher = hasher;
        this.dummyHash = hasher.hash("not-a-real-password".toCharArray());
    }

    @Override
    public User authenticate(String username, char[] password) {
        if (username == null || password == null) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
        }
        Optional<User> found = users.findByUsername(username.strip());
        boolean matches = hasher.matches(password, found.map(User::passwordHash).orElse(dummyHash));
        User user = found.filter(u -> matches)
                .orElseThrow(() -> new DomainException(ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS));
        if (!user.mayAct()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "This account is not approved.");
        }
        return user;
    }

    @Override
    public User createDistributor(String username, String email, char[] password) {
        String name = validUsername(username);
        Email address = Email.of(email);
        validPassword(password);
        String hash = hasher.hash(password);
        return transactions.inTransaction(() -> users.create(name, address.value(), hash, Role.DISTRIBUTOR, Approval.APPROVED));
    }

    @Override
    public Optional<User> ensureAdmin(String username, char[] password) {
        String name = validUsername(username);
        validPassword(password);
        return transactions.inTransaction(() -> {
            if (users.anyWithRole(Role.ADMIN)) {
                return Optional.<User>empty();
            }
            return Optional.of(users.create(name, null, hasher.hash(password), Role.ADMIN, null));
        });
    }

    private static String validUsername(String username) {
        if (username == null || !USERNAME.matcher(username.strip()).matches()) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "username must be 3-64 letters, digits, '_', '.' or '-'");
        }
        return username.strip();
    }

    private static void validPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED,
                    "password must have " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters");
        }
    }
}

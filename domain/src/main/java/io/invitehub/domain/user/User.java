package io.invitehub.domain.user;

import java.util.Objects;
import java.util.Optional;

/** A person who signs in: staff or distributor. The password hash never leaves through toString. */
public final class User {
    private final UserId id;
    private final String username;
    private final String email;
    private final Role role;
    private final Approval approval;
    private final String passwordHash;
    private final int tokenVersion;
    private final boolean disabled;
    private final boolean mustChangePassword;

    private User(UserId id, String username, String email, Role role, Approval approval, String passwordHash, int tokenVersion,
                 boolean disabled, boolean mustChangePassword) {
        this.id = Objects.requireNonNull(id, "id");
        this.username = Objects.requireNonNull(username, "username");
        this.email = email;
        this.role = Objects.requireNonNull(role, "role");
        this.approval = approval;
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.tokenVersion = tokenVersion;
        this.disabled = disabled;
        this.mustChangePassword = mustChangePassword;
    }

    public static User restore(UserId id, String username, String email, Role role, Approval approval, String passwordHash, int tokenVersion) {
        return new User(id, username, email, role, approval, passwordHash, tokenVersion, false, false);
    }

    /**
     * {@code disabled}: a staff account an admin switched off (it may not sign in); {@code mustChangePassword}: its
     * password is a temporary one an admin set, to be replaced before anything else (ADR 50).
     */
    public static User restore(UserId id, String username, String email, Role role, Approval approval, String passwordHash, int tokenVersion,
                               boolean disabled, boolean mustChangePassword) {
        return new User(id, username, email, role, approval, passwordHash, tokenVersion, disabled, mustChangePassword);
    }

    public boolean isDistributor() {
        return role == Role.DISTRIBUTOR;
    }

    /** Staff may act unless disabled; a distributor only while APPROVED. */
    public boolean mayAct() {
        return !disabled && (role != Role.DISTRIBUTOR || approval == Approval.APPROVED);
    }

    /** A staff account an admin disabled: it may not sign in, and its tokens were revoked. */
    public boolean disabled() { return disabled; }

    /** The password is a temporary one from an admin's reset: only the password change is open until it is replaced. */
    public boolean mustChangePassword() { return mustChangePassword; }

    public UserId id() { return id; }
    public String username() { return username; }
    public Optional<String> email() { return Optional.ofNullable(email); }
    public Role role() { return role; }
    public Optional<Approval> approval() { return Optional.ofNullable(approval); }
    public String passwordHash() { return passwordHash; }
    public int tokenVersion() { return tokenVersion; }

    @Override
    public String toString() {
        return "User[" + id.value() + ", " + username + ", " + role + "]";
    }
}

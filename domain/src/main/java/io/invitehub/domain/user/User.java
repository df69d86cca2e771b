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

    private User(UserId id, String username, String email, Role role, Approval approval, String passwordHash, int tokenVersion) {
        this.id = Objects.requireNonNull(id, "id");
        this.username = Objects.requireNonNull(username, "username");
        this.email = email;
        this.role = Objects.requireNonNull(role, "role");
        this.approval = approval;
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.tokenVersion = tokenVersion;
    }

    public static User restore(UserId id, String username, String email, Role role, Approval approval, String passwordHash, int tokenVersion) {
        return new User(id, username, email, role, approval, passwordHash, tokenVersion);
    }

    public boolean isDistributor() {
        return role == Role.DISTRIBUTOR;
    }

    /** Staff may always act; a distributor only while APPROVED. */
    public boolean mayAct() {
        return role != Role.DISTRIBUTOR || approval == Approval.APPROVED;
    }

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

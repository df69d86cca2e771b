package io.invitehub.domain.user;

public enum Role {
    ADMIN,
    OPERATOR,
    DISTRIBUTOR;

    /** Staff may manage teams and codes. */
    public boolean isStaff() {
        return this == ADMIN || this == OPERATOR;
    }
}

package io.invitehub.domain.team;

/** Only ACTIVE teams receive new members. */
public enum TeamStatus {
    ACTIVE,
    PAUSED,
    BANNED,
    TOKEN_INVALID;

    public boolean acceptsMembers() {
        return this == ACTIVE;
    }
}

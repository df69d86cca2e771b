package io.invitehub.domain.team;

public record TeamGroupId(long value) {
    public TeamGroupId {
        if (value <= 0) {
            throw new IllegalArgumentException("team group id must be positive");
        }
    }
}

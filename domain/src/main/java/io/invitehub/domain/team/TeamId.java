package io.invitehub.domain.team;

public record TeamId(long value) {
    public TeamId {
        if (value <= 0) {
            throw new IllegalArgumentException("team id must be positive");
        }
    }
}

package io.invitehub.domain.invitation;

public record InvitationId(long value) {
    public InvitationId {
        if (value <= 0) {
            throw new IllegalArgumentException("invitation id must be positive");
        }
    }
}

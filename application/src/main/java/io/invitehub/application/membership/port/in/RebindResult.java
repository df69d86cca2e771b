package io.invitehub.application.membership.port.in;

import io.invitehub.domain.invitation.Invitation;

import java.util.Objects;

/** A rebind under way: the new (rebind) invitation, RESERVED in {@code toTeam}; the member leaves {@code fromTeam} once it is sent. */
public record RebindResult(Invitation invitation, String toTeam, String fromTeam, int rebindsLeft) {
    public RebindResult {
        Objects.requireNonNull(invitation, "invitation");
        Objects.requireNonNull(toTeam, "toTeam");
        Objects.requireNonNull(fromTeam, "fromTeam");
    }
}

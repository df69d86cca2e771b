package io.invitehub.application.dispatch.port.out;

import io.invitehub.domain.invitation.Invitation;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * RESERVED invitations claimed by one dispatch pass, and the pass's fencing token: outcomes are
 * recorded with the token and only while the rows still carry it.
 */
public record DispatchClaim(UUID token, List<Invitation> invitations) {
    public DispatchClaim {
        Objects.requireNonNull(token, "token");
        invitations = List.copyOf(invitations);
    }
}

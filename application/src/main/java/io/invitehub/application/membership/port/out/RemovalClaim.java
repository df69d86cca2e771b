package io.invitehub.application.membership.port.out;

import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.invitation.RemovalKind;

import java.util.Objects;
import java.util.Optional;

/**
 * An invitation claimed for removal (state REMOVING): why, the state it came from (where a failed
 * removal returns it), the provider attempts that failed so far, and for a rebind the invitation in
 * the new team that takes over the use.
 */
public record RemovalClaim(Invitation invitation, RemovalKind kind, InvitationState from, int failedAttempts,
                           Optional<InvitationId> rebindTo) {
    public RemovalClaim {
        Objects.requireNonNull(invitation, "invitation");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(rebindTo, "rebindTo");
        if (invitation.state() != InvitationState.REMOVING) {
            throw new IllegalArgumentException("a removal claim is REMOVING, not " + invitation.state());
        }
        if (from != InvitationState.INVITED && from != InvitationState.JOINED) {
            throw new IllegalArgumentException("a removal is claimed from INVITED or JOINED, not " + from);
        }
    }
}

package io.invitehub.application.contract;

import io.invitehub.domain.invitation.InvitationChange;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.team.TeamId;

import java.time.Instant;
import java.util.Optional;

/**
 * Changes for tests that name the invitation by id and the state it is expected to be in, as a caller
 * holding an older read would: the storage applies them only while the invitation is still there.
 * Production code computes them with {@code Invitation.moveTo} and {@code Invitation.promoteTo}.
 */
public final class InvitationChanges {
    private InvitationChanges() {
    }

    /** {@code from → to} at {@code at}; {@code reason} is kept when {@code to} ends the invitation. */
    public static InvitationChange change(InvitationId id, InvitationState from, InvitationState to, Instant at, String reason) {
        return new InvitationChange(id, from, to, Optional.empty(), at, to.isEnded() ? Optional.ofNullable(reason) : Optional.empty());
    }

    /** WAITING → RESERVED in {@code team} at {@code at}. */
    public static InvitationChange promotion(InvitationId id, TeamId team, Instant at) {
        return new InvitationChange(id, InvitationState.WAITING, InvitationState.RESERVED, Optional.of(team), at, Optional.empty());
    }
}

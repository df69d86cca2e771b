package io.invitehub.application.membership.view;

import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An invitation as staff find it on the invitations page: whose code, which team, where it stands, and whether
 * its background removal kept failing ({@code removalFailed}, with the error).
 */
public record StaffInvitation(InvitationId id, Email email, String code, Optional<UserId> distributorId,
                              Optional<String> distributorName, Optional<TeamId> teamId, Optional<String> teamName,
                              InvitationState state, boolean rebind, boolean removalFailed, Optional<String> removalError,
                              Optional<String> endReason, Instant createdAt, Optional<Instant> invitedAt,
                              Optional<Instant> acceptedAt, Optional<Instant> endedAt) {
    public StaffInvitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

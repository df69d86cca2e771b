package io.invitehub.application.membership.view;

import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.invitation.RemovalKind;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamId;

import java.time.Instant;
import java.util.Optional;

/** An invitation whose background removal kept failing: back in {@code state}, flagged for staff. */
public record RemovalFailure(InvitationId id, Email email, Optional<TeamId> teamId, Optional<String> teamName,
                             InvitationState state, Optional<RemovalKind> kind, int failedAttempts,
                             Optional<String> error, Instant updatedAt) {
}

package io.invitehub.application.distributors.view;

import io.invitehub.domain.code.Code;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamId;

import java.time.Instant;
import java.util.Optional;

/**
 * A member of a distributor: an invitation in INVITED, JOINED or REMOVING, or one that ended
 * REMOVED, EXPIRED or REBOUND recently ({@code ended} is then true). {@code joinedAt} is
 * {@code accepted_at}.
 */
public record MemberView(InvitationId id, Email email, Optional<TeamId> teamId, Optional<String> teamName, Code redeemCode,
                         Optional<Instant> joinedAt, InvitationState status, boolean ended, Instant createdAt) {
}

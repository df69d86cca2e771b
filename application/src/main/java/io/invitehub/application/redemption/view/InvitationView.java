package io.invitehub.application.redemption.view;

import io.invitehub.domain.invitation.InvitationState;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What a customer may see of one invitation while polling. No e-mail, no internal ids. */
public record InvitationView(UUID publicId, InvitationState state, Optional<String> teamName, Optional<Long> queuePosition,
                             Instant createdAt, Optional<Instant> invitedAt, Optional<Instant> acceptedAt,
                             Optional<Instant> endedAt, Optional<String> endReason) {
}

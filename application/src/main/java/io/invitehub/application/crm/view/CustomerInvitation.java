package io.invitehub.application.crm.view;

import io.invitehub.domain.code.Code;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;

import java.time.Instant;
import java.util.Optional;

/** One invitation of a customer through one of the distributor's codes (rebinds included). */
public record CustomerInvitation(InvitationId id, Code code, Optional<String> teamName, InvitationState status, boolean rebind,
                                 Instant createdAt, Optional<Instant> acceptedAt, Optional<Instant> endedAt) {
}

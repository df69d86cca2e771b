package io.invitehub.application.distributors.view;

import io.invitehub.domain.code.Code;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;

import java.time.Instant;
import java.util.Optional;

/** One sale: a non-rebind invitation through one of the distributor's codes. */
public record SaleView(InvitationId id, Code code, Email email, Optional<String> teamName, InvitationState status,
                       Instant createdAt, Optional<Instant> acceptedAt) {
}

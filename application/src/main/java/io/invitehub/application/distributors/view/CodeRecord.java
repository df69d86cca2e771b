package io.invitehub.application.distributors.view;

import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;

import java.time.Instant;
import java.util.Optional;

/**
 * One invitation made through a code (the reference's "records" of a code), rebinds included and
 * flagged: who, which team, where it is now and when it moved.
 */
public record CodeRecord(InvitationId id, Email email, Optional<String> teamName, InvitationState status, boolean rebind,
                         Instant createdAt, Optional<Instant> invitedAt, Optional<Instant> acceptedAt,
                         Optional<Instant> endedAt) {
}

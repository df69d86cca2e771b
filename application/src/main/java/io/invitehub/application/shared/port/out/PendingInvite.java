package io.invitehub.application.shared.port.out;

import io.invitehub.domain.shared.Email;

import java.time.Instant;

/** An invite the provider has sent and the person has not accepted yet. */
public record PendingInvite(String inviteId, Email email, Instant createdAt) {
}

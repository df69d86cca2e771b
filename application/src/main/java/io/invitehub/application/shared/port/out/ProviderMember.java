package io.invitehub.application.shared.port.out;

import io.invitehub.domain.shared.Email;

import java.time.Instant;

/** A member of a workspace as the provider lists it. */
public record ProviderMember(String userId, Email email, String role, Instant joinedAt) {
}

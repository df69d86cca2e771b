package io.invitehub.application.membership.port.in;

import io.invitehub.domain.shared.Email;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a removal (SPEC section 6; the reference's fields {@code message, email, team_name,
 * code_usage_restored}): removed now, removed before (an identical request won), or a queued
 * invitation cancelled (staff).
 */
public record RemovalResult(Outcome outcome, String message, Email email, Optional<String> teamName, boolean codeUsageRestored) {
    public enum Outcome { REMOVED, ALREADY_REMOVED, CANCELLED }

    public RemovalResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(teamName, "teamName");
    }
}

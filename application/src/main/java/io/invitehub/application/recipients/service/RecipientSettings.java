package io.invitehub.application.recipients.service;

import java.time.Duration;

/**
 * Anti-harassment tunables (SPEC section 9): at most {@code invitationsPerDay} invitations for one
 * e-mail in any 24 hours across the platform, and {@code reinviteCooldown} after a distributor removed a
 * member before that distributor may invite the same e-mail again.
 */
public record RecipientSettings(int invitationsPerDay, Duration reinviteCooldown) {
    public static final Duration DAY = io.invitehub.application.recipients.port.in.ScreenRecipientsUseCase.CAP_WINDOW;

    public RecipientSettings {
        if (invitationsPerDay < 1) {
            throw new IllegalArgumentException("invitationsPerDay must be at least 1");
        }
        if (reinviteCooldown.isNegative()) {
            throw new IllegalArgumentException("reinviteCooldown must not be negative");
        }
    }

    public static RecipientSettings defaults() {
        return new RecipientSettings(3, Duration.ofHours(24));
    }
}

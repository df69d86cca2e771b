package io.invitehub.application.recipients.port.in;

import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.UserId;

import java.time.Duration;
import java.time.Instant;

/**
 * The anti-harassment checks of SPEC section 9, for the features that create invitations (redemption,
 * re-invite). Call them inside the transaction that creates the invitation.
 */
public interface ScreenRecipientsUseCase {
    /** The window of the daily cap: invitations created in the last 24 hours count. */
    Duration CAP_WINDOW = Duration.ofHours(24);

    /**
     * Blocklist (RECIPIENT_BLOCKED), opt-out (RECIPIENT_OPTED_OUT) and the daily cap across the platform
     * (INVITATION_LIMIT_REACHED, 429 with the time until the oldest of the last N leaves the 24-hour window).
     */
    void ensureMayInvite(Email email, Instant now);

    /**
     * The daily cap {@link #ensureMayInvite} applies: at most this many invitations to one e-mail in
     * {@link #CAP_WINDOW}. A redemption hands it to storage's one-statement check (ADR 64), which refuses nothing itself.
     */
    int invitationsPerDay();

    /** {@link #ensureMayInvite}, plus the cooldown after {@code distributor} removed the e-mail (REINVITE_COOLDOWN, 429). */
    void ensureMayReinvite(UserId distributor, Email email, Instant now);
}

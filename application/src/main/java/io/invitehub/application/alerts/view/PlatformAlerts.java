package io.invitehub.application.alerts.view;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What needs a person on the staff overview (issue 14), counted now: open payment alerts (money to refund, not yet
 * marked handled by staff, whatever their age) and the newest open one's time, background removals that kept
 * failing, orders whose fulfilment failed, teams the provider refused (TOKEN_INVALID, BANNED) or staff paused,
 * and invitations waiting for a seat.
 */
public record PlatformAlerts(long paymentAlerts, Optional<Instant> latestPaymentAlertAt, long removalFailures, long fulfilmentFailed,
                             long teamsTokenInvalid, long teamsBanned, long teamsPaused, long waiting) {

    public PlatformAlerts {
        Objects.requireNonNull(latestPaymentAlertAt, "latestPaymentAlertAt");
    }
}

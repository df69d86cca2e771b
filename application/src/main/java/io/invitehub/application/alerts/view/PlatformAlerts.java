package io.invitehub.application.alerts.view;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What needs a person on the staff overview (issue 14), counted now: payment alerts of the last
 * {@link #PAYMENT_ALERT_DAYS} days (money to refund) and the newest one's time, background removals that kept
 * failing, orders whose fulfilment failed, teams the provider refused (TOKEN_INVALID, BANNED) or staff paused,
 * and invitations waiting for a seat.
 */
public record PlatformAlerts(long paymentAlerts, Optional<Instant> latestPaymentAlertAt, long removalFailures, long fulfilmentFailed,
                             long teamsTokenInvalid, long teamsBanned, long teamsPaused, long waiting) {
    public static final int PAYMENT_ALERT_DAYS = 30;

    public PlatformAlerts {
        Objects.requireNonNull(latestPaymentAlertAt, "latestPaymentAlertAt");
    }
}

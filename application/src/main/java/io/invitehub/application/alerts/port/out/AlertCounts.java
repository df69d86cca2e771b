package io.invitehub.application.alerts.port.out;

import io.invitehub.application.alerts.view.PlatformAlerts;

import java.time.Instant;

/** The counts behind the alerts, each over an index (or the small teams table), in one read. */
public interface AlertCounts {

    /** The alerts now, payment alerts counted from {@code paymentAlertsSince}. */
    PlatformAlerts count(Instant paymentAlertsSince);
}

package io.invitehub.application.alerts.port.out;

import io.invitehub.application.alerts.view.PlatformAlerts;

/** The counts behind the alerts, each over an index (or the small teams table), in one read. */
public interface AlertCounts {

    /** The alerts now: payment alerts that are still open (not marked handled, V54), whatever their age. */
    PlatformAlerts count();
}

package io.invitehub.application.alerts.service;

import io.invitehub.application.alerts.port.in.PlatformAlertsQuery;
import io.invitehub.application.alerts.port.out.AlertCounts;
import io.invitehub.application.alerts.view.PlatformAlerts;
import io.invitehub.domain.user.Actor;

import java.time.Clock;
import java.time.Duration;

/** Counts what needs a person, for staff. */
public final class PlatformAlertsService implements PlatformAlertsQuery {
    private final AlertCounts counts;
    private final Clock clock;

    public PlatformAlertsService(AlertCounts counts, Clock clock) {
        this.counts = counts;
        this.clock = clock;
    }

    @Override
    public PlatformAlerts alerts(Actor actor) {
        actor.requireStaff();
        return counts.count(clock.instant().minus(Duration.ofDays(PlatformAlerts.PAYMENT_ALERT_DAYS)));
    }
}

package io.invitehub.application.alerts.service;

import io.invitehub.application.alerts.port.in.PlatformAlertsQuery;
import io.invitehub.application.alerts.port.out.AlertCounts;
import io.invitehub.application.alerts.view.PlatformAlerts;
import io.invitehub.domain.user.Actor;

/** Counts what needs a person, for staff. */
public final class PlatformAlertsService implements PlatformAlertsQuery {
    private final AlertCounts counts;

    public PlatformAlertsService(AlertCounts counts) {
        this.counts = counts;
    }

    @Override
    public PlatformAlerts alerts(Actor actor) {
        actor.requireStaff();
        return counts.count();
    }
}

package io.invitehub.application.alerts.port.in;

import io.invitehub.application.alerts.view.PlatformAlerts;
import io.invitehub.domain.user.Actor;

/** The alerts of the staff overview. Staff only. */
public interface PlatformAlertsQuery {

    PlatformAlerts alerts(Actor actor);
}

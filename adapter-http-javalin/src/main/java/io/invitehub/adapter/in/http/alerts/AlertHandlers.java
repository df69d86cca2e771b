package io.invitehub.adapter.in.http.alerts;

import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.application.alerts.port.in.PlatformAlertsQuery;
import io.invitehub.application.alerts.view.PlatformAlerts;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Objects;

import static io.invitehub.adapter.in.http.wire.HttpRequests.actor;

/** {@code GET /admin/alerts}: what needs a person on the staff overview. */
public final class AlertHandlers {
    // ---- what the routes answer (ADR 40) ----------------------------------------------------------
    public static final ResponseShape ALERTS_ANSWER = ResponseShape.ok(Alerts.class);

    public static final RequestShape NOTHING = RequestShape.none();

    private final PlatformAlertsQuery alerts;

    public AlertHandlers(PlatformAlertsQuery alerts) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
    }

    record Alerts(long paymentAlerts, Instant latestPaymentAlertAt, long removalFailures, long fulfilmentFailed,
                  long teamsTokenInvalid, long teamsBanned, long teamsPaused, long waiting) {
        static Alerts of(PlatformAlerts a) {
            return new Alerts(a.paymentAlerts(), a.latestPaymentAlertAt().orElse(null),
                    a.removalFailures(), a.fulfilmentFailed(), a.teamsTokenInvalid(), a.teamsBanned(), a.teamsPaused(), a.waiting());
        }
    }

    public void alerts(Context ctx) {
        ctx.json(Alerts.of(alerts.alerts(actor(ctx))));
    }
}

package io.invitehub.adapter.out.persistence;

import io.invitehub.application.alerts.port.out.AlertCounts;
import io.invitehub.application.alerts.view.PlatformAlerts;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The staff overview's alerts in one statement: removal failures over invitations_removal_failed_idx, waiting
 * invitations over invitations_waiting_idx, the teams table (small), failed fulfilments and open payment alerts
 * (both rare rows; the open alerts over payment_alerts_open_idx, V54).
 */
final class JooqAlertCounts implements AlertCounts {
    private static final String COUNTS = "select"
            + " (select count(*) from payment_alerts where handled_at is null) payment_alerts,"
            + " (select max(created_at) from payment_alerts where handled_at is null) latest_payment_alert_at,"
            + " (select count(*) from invitations where removal_failed) removal_failures,"
            + " (select count(*) from orders where fulfillment_status = 'FAILED') fulfilment_failed,"
            + " (select count(*) from teams where status = 'TOKEN_INVALID') teams_token_invalid,"
            + " (select count(*) from teams where status = 'BANNED') teams_banned,"
            + " (select count(*) from teams where status = 'PAUSED') teams_paused,"
            + " (select count(*) from invitations where state = 'WAITING') waiting";

    private final DSLContext dsl;

    JooqAlertCounts(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public PlatformAlerts count() {
        Record r = dsl.fetchSingle(COUNTS);
        return new PlatformAlerts(r.get("payment_alerts", Long.class),
                Optional.ofNullable(Rows.instant(r.get("latest_payment_alert_at", OffsetDateTime.class))),
                r.get("removal_failures", Long.class), r.get("fulfilment_failed", Long.class), r.get("teams_token_invalid", Long.class),
                r.get("teams_banned", Long.class), r.get("teams_paused", Long.class), r.get("waiting", Long.class));
    }
}

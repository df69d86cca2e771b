package io.invitehub.adapter.out.persistence;

import io.invitehub.application.webhooks.port.out.DeliveryJob;
import io.invitehub.application.webhooks.port.out.WebhookDeliveries;
import io.invitehub.application.webhooks.view.DeliveryView;
import io.invitehub.domain.webhook.EventType;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link WebhookDeliveries} on {@code webhook_deliveries} and {@code webhook_attempts} (V50, ADR 42). The claim
 * is one statement (oldest due row FOR UPDATE SKIP LOCKED → SENDING, fresh token, due again at the lease's
 * end) that also answers the endpoint's URL and sealed secret and the event's body, built by PostgreSQL from
 * the stored event (the same bytes on every attempt).
 */
final class JooqWebhookDeliveries implements WebhookDeliveries {
    private static final int ATTEMPTS_SHOWN = 5;

    private final DSLContext dsl;
    private final SecretBox secrets;

    JooqWebhookDeliveries(DSLContext dsl, SecretBox secrets) {
        this.dsl = dsl;
        this.secrets = secrets;
    }

    @Override
    public Optional<DeliveryJob> claimNext(Instant now, Duration lease) {
        return dsl.resultQuery("with due as ("
                                + " select id from webhook_deliveries where status in ('PENDING', 'SENDING') and next_attempt_at <= ?::timestamptz"
                                + " order by next_attempt_at, id limit 1 for update skip locked),"
                                + " claimed as ("
                                + " update webhook_deliveries d set status = 'SENDING', attempts = d.attempts + 1,"
                                + " claim_token = gen_random_uuid()::varchar, next_attempt_at = ?::timestamptz"
                                + " from due where d.id = due.id"
                                + " returning d.id, d.claim_token, d.attempts, d.endpoint_id, d.event_id, d.retry_since)"
                                + " select c.id, c.claim_token, c.attempts, c.retry_since, e.url, e.sealed_secret, ev.id as event_id,"
                                + " ev.event_type, jsonb_build_object('id', ev.id, 'type', ev.event_type,"
                                + " 'created_at', to_char(ev.created_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
                                + " 'data', ev.payload)::text as body"
                                + " from claimed c join webhook_endpoints e on e.id = c.endpoint_id join webhook_events ev on ev.id = c.event_id",
                        Rows.at(now), Rows.at(now.plus(lease)))
                .fetch().stream().findFirst().map(this::job);
    }

    private DeliveryJob job(Record r) {
        return new DeliveryJob(r.get("id", Long.class), r.get("claim_token", String.class), r.get("attempts", Integer.class),
                URI.create(r.get("url", String.class)), secrets.open(r.get("sealed_secret", String.class), JooqWebhookEndpoints.SECRET_PURPOSE),
                r.get("event_id", Long.class), r.get("event_type", String.class), r.get("body", String.class),
                Rows.instant(r.get("retry_since", OffsetDateTime.class)));
    }

    @Override
    public void recordAttempt(long deliveryId, Instant at, Optional<Integer> statusCode, Optional<String> error, Duration took) {
        dsl.execute("insert into webhook_attempts (delivery_id, attempted_at, status_code, error, duration_ms) values (?, ?::timestamptz, ?, ?, ?)",
                deliveryId, Rows.at(at), statusCode.orElse(null), error.orElse(null), (int) Math.min(Integer.MAX_VALUE, took.toMillis()));
    }

    @Override
    public boolean delivered(DeliveryJob job, Instant now, int statusCode) {
        return dsl.execute("update webhook_deliveries set status = 'DELIVERED', delivered_at = ?::timestamptz, last_status = ?,"
                        + " last_error = null, claim_token = null where id = ? and claim_token = ? and status = 'SENDING'",
                Rows.at(now), statusCode, job.deliveryId(), job.claimToken()) > 0;
    }

    @Override
    public boolean retryAt(DeliveryJob job, Instant at, Optional<Integer> statusCode, String error) {
        return dsl.execute("update webhook_deliveries set status = 'PENDING', next_attempt_at = ?::timestamptz, last_status = ?,"
                        + " last_error = ?, claim_token = null where id = ? and claim_token = ? and status = 'SENDING'",
                Rows.at(at), statusCode.orElse(null), error, job.deliveryId(), job.claimToken()) > 0;
    }

    @Override
    public boolean failed(DeliveryJob job, Optional<Integer> statusCode, String error) {
        return dsl.execute("update webhook_deliveries set status = 'FAILED', last_status = ?, last_error = ?, claim_token = null"
                        + " where id = ? and claim_token = ? and status = 'SENDING'",
                statusCode.orElse(null), error, job.deliveryId(), job.claimToken()) > 0;
    }

    @Override
    public List<DeliveryView> list(long endpointId, long beforeId, int limit) {
        List<Record> rows = dsl.resultQuery("select d.*, ev.event_type from webhook_deliveries d join webhook_events ev on ev.id = d.event_id"
                + " where d.endpoint_id = ? and d.id < ? order by d.id desc limit ?", endpointId, beforeId, limit).fetch();
        return views(rows);
    }

    @Override
    public Optional<DeliveryView> find(long endpointId, long deliveryId) {
        return views(dsl.resultQuery("select d.*, ev.event_type from webhook_deliveries d join webhook_events ev on ev.id = d.event_id"
                + " where d.endpoint_id = ? and d.id = ?", endpointId, deliveryId).fetch()).stream().findFirst();
    }

    @Override
    public boolean redeliver(long endpointId, long deliveryId, Instant now) {
        // SENDING with a live lease: a worker holds it now; a lapsed SENDING is due anyway and may be taken back
        return dsl.execute("update webhook_deliveries set status = 'PENDING', attempts = 0, next_attempt_at = ?::timestamptz,"
                        + " retry_since = ?::timestamptz, claim_token = null, delivered_at = null"
                        + " where endpoint_id = ? and id = ? and (status <> 'SENDING' or next_attempt_at <= ?::timestamptz)",
                Rows.at(now), Rows.at(now), endpointId, deliveryId, Rows.at(now)) > 0;
    }

    @Override
    public int purgeSettled(Instant before, int limit) {
        return dsl.execute("delete from webhook_events where id in (select ev.id from webhook_events ev where ev.created_at < ?::timestamptz"
                + " and not exists (select 1 from webhook_deliveries d where d.event_id = ev.id and d.status in ('PENDING', 'SENDING'))"
                + " order by ev.id limit ?)", Rows.at(before), limit);
    }

    private List<DeliveryView> views(List<Record> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Long[] ids = rows.stream().map(r -> r.get("id", Long.class)).toArray(Long[]::new);
        Map<Long, List<DeliveryView.Attempt>> attempts = new HashMap<>();
        dsl.resultQuery("select a.delivery_id, a.attempted_at, a.status_code, a.error, a.duration_ms from unnest(?::bigint[]) as d(id)"
                        + " cross join lateral (select * from webhook_attempts a where a.delivery_id = d.id order by a.id desc limit "
                        + ATTEMPTS_SHOWN + ") a", (Object) ids)
                .fetch().forEach(a -> attempts.computeIfAbsent(a.get("delivery_id", Long.class), k -> new ArrayList<>())
                        .add(new DeliveryView.Attempt(Rows.instant(a.get("attempted_at", OffsetDateTime.class)),
                                Optional.ofNullable(a.get("status_code", Integer.class)), Optional.ofNullable(a.get("error", String.class)),
                                a.get("duration_ms", Integer.class))));
        List<DeliveryView> views = new ArrayList<>(rows.size());
        for (Record r : rows) {
            String status = r.get("status", String.class);
            boolean due = status.equals("PENDING") || status.equals("SENDING");
            long id = r.get("id", Long.class);
            views.add(new DeliveryView(id, r.get("endpoint_id", Long.class), r.get("event_id", Long.class),
                    EventType.ofWireName(r.get("event_type", String.class)).orElseThrow(), status, r.get("attempts", Integer.class),
                    Optional.ofNullable(r.get("last_status", Integer.class)), Optional.ofNullable(r.get("last_error", String.class)),
                    due ? Optional.of(Rows.instant(r.get("next_attempt_at", OffsetDateTime.class))) : Optional.empty(),
                    Optional.ofNullable(r.get("delivered_at", OffsetDateTime.class)).map(Rows::instant),
                    Rows.instant(r.get("created_at", OffsetDateTime.class)), attempts.getOrDefault(id, List.of())));
        }
        return views;
    }
}

package io.invitehub.adapter.out.persistence;

import io.invitehub.application.shared.port.out.WebhookEvent;
import io.invitehub.application.shared.port.out.WebhookEvents;
import io.invitehub.domain.user.UserId;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;
import org.jooq.tools.json.JSONObject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link WebhookEvents} on {@code webhook_events} and {@code webhook_deliveries} (V50, ADR 42): one statement
 * that finds the subscribed active endpoints (the event's distributor's and the platform's), stores the event
 * only when there is one, and one PENDING delivery per endpoint, due now. With no subscriber it writes nothing.
 */
final class JooqWebhookEvents implements WebhookEvents {
    /** Run by every redemption: kept as text with typed binds, not parsed as a plain-SQL template each time (ADR 59). */
    private static final RenderedStatement PUBLISH = RenderedStatement.ofSql("with ep as ("
                    + " select id from webhook_endpoints"
                    + " where active and ?::varchar = any(events) and (owner_id is null or owner_id = ?::bigint)),"
                    + " ev as ("
                    + " insert into webhook_events (event_type, owner_id, payload, created_at)"
                    + " select ?, ?::bigint, ?::jsonb, ?::timestamptz where exists (select 1 from ep) returning id)"
                    + " insert into webhook_deliveries (endpoint_id, event_id, next_attempt_at, retry_since)"
                    + " select ep.id, ev.id, ?::timestamptz, ?::timestamptz from ep, ev returning endpoint_id",
            SQLDataType.VARCHAR, SQLDataType.BIGINT, SQLDataType.VARCHAR, SQLDataType.BIGINT, SQLDataType.VARCHAR,
            SQLDataType.TIMESTAMPWITHTIMEZONE, SQLDataType.TIMESTAMPWITHTIMEZONE, SQLDataType.TIMESTAMPWITHTIMEZONE);

    private final DSLContext dsl;

    JooqWebhookEvents(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public int publish(WebhookEvent event) {
        Long owner = event.owner().map(UserId::value).orElse(null);
        OffsetDateTime at = Rows.at(event.occurredAt());
        return PUBLISH.update(dsl, event.type().wireName(), owner, event.type().wireName(), owner, json(event.data()), at, at, at);
    }

    static String json(Map<String, Object> data) {
        Map<String, Object> plain = new LinkedHashMap<>();
        data.forEach((k, v) -> plain.put(k, v instanceof Instant ? v.toString() : v));
        return JSONObject.toJSONString(plain);
    }
}

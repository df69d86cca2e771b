package io.invitehub.application.shared.port.out;

import io.invitehub.domain.user.UserId;
import io.invitehub.domain.webhook.EventType;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened that webhook endpoints may subscribe to: its type, the distributor it concerns
 * (its endpoints receive it; staff endpoints receive every event), when, and its data ({@code data} of the
 * delivered JSON: names in snake_case, values text, whole numbers, booleans, instants or null).
 */
public record WebhookEvent(EventType type, Optional<UserId> owner, Instant occurredAt, Map<String, Object> data) {
    public WebhookEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(occurredAt, "occurredAt");
        for (Map.Entry<String, Object> e : data.entrySet()) {
            Object v = e.getValue();
            if (v != null && !(v instanceof String || v instanceof Long || v instanceof Integer || v instanceof Boolean
                    || v instanceof Instant)) {
                throw new IllegalArgumentException("webhook data " + e.getKey() + " has an unsupported type " + v.getClass());
            }
        }
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** The event with its data in the given order: {@code "key1", value1, "key2", value2, …}. */
    public static WebhookEvent of(EventType type, Optional<UserId> owner, Instant at, Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            data.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new WebhookEvent(type, owner, at, data);
    }
}

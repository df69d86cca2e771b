package io.invitehub.application.webhooks.view;

import io.invitehub.domain.user.UserId;
import io.invitehub.domain.webhook.EventType;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A registered webhook endpoint (never its secret): its owner (empty: the platform's, staff), URL, events. */
public record EndpointView(long id, Optional<UserId> owner, String url, Set<EventType> events, Optional<String> description,
                           boolean active, Instant createdAt) {
    public EndpointView {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(url, "url");
        events = Set.copyOf(events);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

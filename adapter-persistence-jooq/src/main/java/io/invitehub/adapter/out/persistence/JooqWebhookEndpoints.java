package io.invitehub.adapter.out.persistence;

import io.invitehub.application.webhooks.port.out.WebhookEndpoints;
import io.invitehub.application.webhooks.view.EndpointView;
import io.invitehub.domain.user.UserId;
import io.invitehub.domain.webhook.EndpointUrl;
import io.invitehub.domain.webhook.EventType;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link WebhookEndpoints} on {@code webhook_endpoints} (V50): the secret is sealed (purpose {@code webhook_endpoints.secret}, ADR 16). */
final class JooqWebhookEndpoints implements WebhookEndpoints {
    static final String SECRET_PURPOSE = "webhook_endpoints.secret";
    private static final String COLUMNS = "id, owner_id, url, events, description, active, created_at";

    private final DSLContext dsl;
    private final SecretBox secrets;

    JooqWebhookEndpoints(DSLContext dsl, SecretBox secrets) {
        this.dsl = dsl;
        this.secrets = secrets;
    }

    @Override
    public EndpointView create(Optional<UserId> owner, EndpointUrl url, Set<EventType> events, String secret, Optional<String> description,
                               Optional<UserId> createdBy) {
        String[] names = events.stream().sorted().map(EventType::wireName).toArray(String[]::new);
        return view(dsl.resultQuery("insert into webhook_endpoints (owner_id, url, events, sealed_secret, description, created_by)"
                        + " values (?::bigint, ?, ?::varchar[], ?, ?, ?::bigint) returning " + COLUMNS,
                owner.map(UserId::value).orElse(null), url.toString(), names, secrets.seal(secret, SECRET_PURPOSE),
                description.orElse(null), createdBy.map(UserId::value).orElse(null)).fetchOne());
    }

    @Override
    public List<EndpointView> list(Optional<UserId> owner, long afterId, int limit) {
        String where = owner.isPresent() ? "owner_id = ?" : "owner_id is null and ?::bigint is null";
        return dsl.resultQuery("select " + COLUMNS + " from webhook_endpoints where " + where + " and id > ? order by id limit ?",
                owner.map(UserId::value).orElse(null), afterId, limit).fetch(this::view);
    }

    @Override
    public Optional<EndpointView> find(long id) {
        return dsl.resultQuery("select " + COLUMNS + " from webhook_endpoints where id = ?", id).fetchOptional().map(this::view);
    }

    @Override
    public int count(Optional<UserId> owner) {
        return owner.isPresent()
                ? dsl.resultQuery("select count(*) from webhook_endpoints where owner_id = ?", owner.get().value()).fetchOne(0, Integer.class)
                : dsl.resultQuery("select count(*) from webhook_endpoints where owner_id is null").fetchOne(0, Integer.class);
    }

    @Override
    public boolean delete(long id) {
        return dsl.execute("delete from webhook_endpoints where id = ?", id) > 0;
    }

    private EndpointView view(Record r) {
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        for (String name : r.get("events", String[].class)) {
            EventType.ofWireName(name).ifPresent(events::add);
        }
        Long owner = r.get("owner_id", Long.class);
        return new EndpointView(r.get("id", Long.class), Optional.ofNullable(owner).map(UserId::new), r.get("url", String.class), events,
                Optional.ofNullable(r.get("description", String.class)), r.get("active", Boolean.class),
                Rows.instant(r.get("created_at", OffsetDateTime.class)));
    }
}

package io.invitehub.application.webhooks.service;

import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageCursor;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.webhooks.port.in.CreatedEndpoint;
import io.invitehub.application.webhooks.port.in.ManageWebhooksUseCase;
import io.invitehub.application.webhooks.port.in.RegisterEndpointCommand;
import io.invitehub.application.webhooks.port.out.WebhookDeliveries;
import io.invitehub.application.webhooks.port.out.WebhookEndpoints;
import io.invitehub.application.webhooks.port.out.WebhookSecrets;
import io.invitehub.application.webhooks.view.DeliveryView;
import io.invitehub.application.webhooks.view.EndpointView;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.UserId;
import io.invitehub.domain.webhook.EndpointUrl;
import io.invitehub.domain.webhook.EventType;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Endpoints and their delivery logs, scoped to the caller: a distributor's own, or the platform's for an
 * administrator (ADR 42; an operator is refused with FORBIDDEN). Registration checks the URL's shape (https; plain http only with the development setting) and
 * the events, and makes the signing secret that is answered once.
 */
public final class WebhookAdminService implements ManageWebhooksUseCase {
    private static final String ENDPOINTS = "webhooks";
    private static final String DELIVERIES = "webhook-deliveries";
    private static final int MAX_DESCRIPTION = 200;
    static final String PLATFORM_ONLY_ADMIN = "The platform's webhook endpoints receive every event of the platform:"
            + " only an administrator may manage them.";

    private final TransactionRunner transactions;
    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final WebhookSecrets secrets;
    private final AuditLog audit;
    private final WakeUps wakeUps;
    private final Clock clock;
    private final WebhookSettings settings;

    public WebhookAdminService(TransactionRunner transactions, WebhookEndpoints endpoints, WebhookDeliveries deliveries,
                               WebhookSecrets secrets, AuditLog audit, WakeUps wakeUps, Clock clock, WebhookSettings settings) {
        this.transactions = transactions;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.audit = audit;
        this.wakeUps = wakeUps;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public CreatedEndpoint register(Actor actor, RegisterEndpointCommand command) {
        Optional<UserId> owner = scope(actor);
        EndpointUrl url = EndpointUrl.parse(command.url(), settings.allowPlainHttp());
        Set<EventType> events = events(command.events());
        Optional<String> description = command.description().map(String::strip).filter(d -> !d.isEmpty());
        if (description.filter(d -> d.length() > MAX_DESCRIPTION).isPresent()) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "description must have at most " + MAX_DESCRIPTION + " characters");
        }
        String secret = secrets.newSecret();
        Instant now = clock.instant();
        EndpointView created = transactions.inTransaction(() -> {
            if (endpoints.count(owner) >= settings.maxEndpointsPerOwner()) {
                throw new DomainException(ErrorCode.CONFLICT, "At most " + settings.maxEndpointsPerOwner()
                        + " webhook endpoints are allowed; delete one first.");
            }
            EndpointView endpoint = endpoints.create(owner, url, events, secret, description, actor.userId());
            audit.record(AuditEntry.of(actor, "WEBHOOK_CREATE", "WEBHOOK_ENDPOINT", endpoint.id(),
                    "host=" + url.host() + " events=" + events.size(), now));
            return endpoint;
        });
        return new CreatedEndpoint(created, secret);
    }

    @Override
    public Page<EndpointView> endpoints(Actor actor, PageRequest page) {
        Optional<UserId> owner = scope(actor);
        long after = page.cursor().map(c -> c.longKey(ENDPOINTS, 1, 0)).orElse(0L);
        return page(endpoints.list(owner, after, page.limit() + 1), page, ENDPOINTS, EndpointView::id);
    }

    @Override
    public void delete(Actor actor, long endpointId) {
        transactions.inTransaction(() -> {
            EndpointView endpoint = endpoint(actor, endpointId);
            endpoints.delete(endpoint.id());
            audit.record(AuditEntry.of(actor, "WEBHOOK_DELETE", "WEBHOOK_ENDPOINT", endpoint.id(), null, clock.instant()));
            return null;
        });
    }

    @Override
    public Page<DeliveryView> deliveries(Actor actor, long endpointId, PageRequest page) {
        EndpointView endpoint = endpoint(actor, endpointId);
        String kind = DELIVERIES + "." + endpoint.id();
        long before = page.cursor().map(c -> c.longKey(kind, 1, 0)).orElse(Long.MAX_VALUE);
        return page(deliveries.list(endpoint.id(), before, page.limit() + 1), page, kind, DeliveryView::id);
    }

    @Override
    public DeliveryView redeliver(Actor actor, long endpointId, long deliveryId) {
        Instant now = clock.instant();
        DeliveryView view = transactions.inTransaction(() -> {
            EndpointView endpoint = endpoint(actor, endpointId);
            deliveries.find(endpoint.id(), deliveryId)
                    .orElseThrow(() -> DomainException.notFound("delivery " + deliveryId + " does not exist"));
            if (!deliveries.redeliver(endpoint.id(), deliveryId, now)) {
                throw new DomainException(ErrorCode.CONFLICT, "This delivery is being sent right now; look again in a moment.");
            }
            audit.record(AuditEntry.of(actor, "WEBHOOK_REDELIVER", "WEBHOOK_DELIVERY", deliveryId, "endpoint=" + endpoint.id(), now));
            return deliveries.find(endpoint.id(), deliveryId).orElseThrow();
        });
        wakeUps.signal(WakeUps.Work.WEBHOOKS);
        return view;
    }

    /** The caller's endpoint, or NOT_FOUND (also for another owner's). */
    private EndpointView endpoint(Actor actor, long id) {
        Optional<UserId> owner = scope(actor);
        return endpoints.find(id).filter(e -> e.owner().equals(owner))
                .orElseThrow(() -> DomainException.notFound("webhook endpoint " + id + " does not exist"));
    }

    /**
     * A distributor's endpoints are its own; the platform's (no owner) receive every event of the platform and are
     * integration settings, the administrator's alone (SPEC section 1: an operator is staff but "not settings"). The
     * refusal comes before any lookup, so an operator learns nothing about which endpoints exist.
     */
    private static Optional<UserId> scope(Actor actor) {
        if (actor.role().filter(r -> r == Role.DISTRIBUTOR).isPresent()) {
            return actor.userId();
        }
        actor.requireAnyOf(PLATFORM_ONLY_ADMIN, Role.ADMIN);
        return Optional.empty();
    }

    private static Set<EventType> events(List<String> names) {
        if (names.isEmpty()) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "events must name at least one event type");
        }
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        for (String name : names) {
            String n = name == null ? "" : name.strip();
            EventType type = EventType.ofWireName(n).orElseThrow(() -> DomainException.invalid(ErrorCode.VALIDATION_FAILED,
                    "events: '" + n + "' is not an event type; known: " + knownEvents()));
            if (!events.add(type)) {
                throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "events: '" + n + "' is named twice");
            }
        }
        return events;
    }

    private static String knownEvents() {
        List<String> names = new ArrayList<>();
        for (EventType t : EventType.values()) {
            names.add(t.wireName());
        }
        return String.join(", ", names);
    }

    private static <T> Page<T> page(List<T> rows, PageRequest page, String kind, ToLongFunction<T> key) {
        boolean more = rows.size() > page.limit();
        List<T> shown = more ? rows.subList(0, page.limit()) : rows;
        Optional<PageCursor> next = more ? Optional.of(PageCursor.of(kind, key.applyAsLong(shown.get(shown.size() - 1)))) : Optional.empty();
        return new Page<>(shown, next);
    }
}

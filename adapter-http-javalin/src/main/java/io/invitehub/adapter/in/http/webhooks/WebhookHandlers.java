package io.invitehub.adapter.in.http.webhooks;

import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.PageBody;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.application.webhooks.port.in.CreatedEndpoint;
import io.invitehub.application.webhooks.port.in.ManageWebhooksUseCase;
import io.invitehub.application.webhooks.port.in.RegisterEndpointCommand;
import io.invitehub.application.webhooks.view.DeliveryView;
import io.invitehub.application.webhooks.view.EndpointView;
import io.invitehub.domain.webhook.EndpointUrl;
import io.invitehub.domain.webhook.EventType;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.invitehub.adapter.in.http.wire.HttpRequests.actor;
import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pageRequest;
import static io.invitehub.adapter.in.http.wire.HttpRequests.required;

/**
 * Webhook endpoints (issue 16, ADR 42): the same handlers serve a distributor's own endpoints
 * ({@code /distributors/me/webhooks}) and the platform's for the administrator ({@code /admin/webhooks}); the use case
 * scopes them to the caller. The secret is answered once, by the creation.
 */
public final class WebhookHandlers {
    /** Every event's wire name, comma-separated, with room to spare. */
    static final int MAX_EVENTS_TEXT = 256;
    private static final Field ID = Field.id("id").labelled("webhook id");
    private static final Field DELIVERY_ID = Field.id("delivery_id");

    // ---- what the routes answer (ADR 40); the deletion answers 204 ----------------------------------
    public static final ResponseShape CREATED_ANSWER = ResponseShape.created(CreatedBody.class);
    public static final ResponseShape ENDPOINTS_ANSWER = ResponseShape.page(EndpointBody.class);
    public static final ResponseShape DELIVERIES_ANSWER = ResponseShape.page(DeliveryBody.class);
    public static final ResponseShape REDELIVERED_ANSWER = ResponseShape.accepted(DeliveryBody.class);

    public static final RequestShape CREATE = RequestShape.none().body(Field.text("url", EndpointUrl.MAX_LENGTH),
            Field.text("events", MAX_EVENTS_TEXT), Field.text("description", 200));
    public static final RequestShape LIST = RequestShape.none().query(HttpRequests.PAGE_PARAMETERS);
    public static final RequestShape ONE = RequestShape.none().path(ID);
    public static final RequestShape DELIVERIES = ONE.query(HttpRequests.PAGE_PARAMETERS);
    public static final RequestShape ONE_DELIVERY = ONE.path(DELIVERY_ID);

    private final ManageWebhooksUseCase webhooks;

    public WebhookHandlers(ManageWebhooksUseCase webhooks) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    }

    /** {@code events}: wire names separated by commas ({@code "code.redeemed,member.joined"}). */
    record CreateEndpoint(String url, String events, String description) {
    }

    record EndpointBody(long id, String url, List<String> events, String description, boolean active, Instant createdAt) {
        static EndpointBody of(EndpointView e) {
            return new EndpointBody(e.id(), e.url(), e.events().stream().sorted().map(EventType::wireName).collect(Collectors.toList()),
                    e.description().orElse(null), e.active(), e.createdAt());
        }
    }

    record CreatedBody(long id, String url, List<String> events, String description, boolean active, Instant createdAt, String secret) {
        @Override
        public String toString() {
            return "CreatedBody[" + id + ", secret=***]";
        }
    }

    record AttemptBody(Instant at, Integer statusCode, String error, long durationMs) {
    }

    record DeliveryBody(long id, long eventId, String eventType, String status, int attempts, Integer lastStatusCode, String lastError,
                        Instant nextAttemptAt, Instant deliveredAt, Instant createdAt, List<AttemptBody> recentAttempts) {
        static DeliveryBody of(DeliveryView d) {
            return new DeliveryBody(d.id(), d.eventId(), d.type().wireName(), d.status(), d.attempts(), d.lastStatusCode().orElse(null),
                    d.lastError().orElse(null), d.nextAttemptAt().orElse(null), d.deliveredAt().orElse(null), d.createdAt(),
                    d.recentAttempts().stream().map(a -> new AttemptBody(a.at(), a.statusCode().orElse(null), a.error().orElse(null),
                            a.durationMillis())).collect(Collectors.toList()));
        }
    }

    /** {@code POST …/webhooks}: 201 with the secret, shown this once. */
    public void create(Context ctx) {
        CreateEndpoint request = body(ctx, CreateEndpoint.class);
        List<String> events = Arrays.stream(required(request.events(), "events").split(",", -1)).map(String::strip)
                .collect(Collectors.toList());
        CreatedEndpoint created = webhooks.register(actor(ctx), new RegisterEndpointCommand(required(request.url(), "url"), events,
                Optional.ofNullable(request.description())));
        EndpointBody e = EndpointBody.of(created.endpoint());
        ctx.status(201).json(new CreatedBody(e.id(), e.url(), e.events(), e.description(), e.active(), e.createdAt(), created.secret()));
    }

    public void list(Context ctx) {
        PageBody.answer(ctx, webhooks.endpoints(actor(ctx), pageRequest(ctx)), EndpointBody::of);
    }

    public void delete(Context ctx) {
        webhooks.delete(actor(ctx), HttpRequests.pathId(ctx, "webhook id"));
        ctx.status(204);
    }

    public void deliveries(Context ctx) {
        PageBody.answer(ctx, webhooks.deliveries(actor(ctx), HttpRequests.pathId(ctx, "webhook id"), pageRequest(ctx)), DeliveryBody::of);
    }

    /** {@code POST …/webhooks/{id}/deliveries/{delivery_id}/redeliver}: 202, due now. */
    public void redeliver(Context ctx) {
        DeliveryView view = webhooks.redeliver(actor(ctx), HttpRequests.pathId(ctx, "webhook id"),
                HttpRequests.positiveId(HttpRequests.pathParam(ctx, "delivery_id"), "delivery_id"));
        ctx.status(202).json(DeliveryBody.of(view));
    }
}

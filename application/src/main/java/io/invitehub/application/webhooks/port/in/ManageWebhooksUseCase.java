package io.invitehub.application.webhooks.port.in;

import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.webhooks.view.DeliveryView;
import io.invitehub.application.webhooks.view.EndpointView;
import io.invitehub.domain.user.Actor;

/**
 * Webhook endpoints of the caller (issue 16, ADR 42): a distributor's receive the events of its own codes,
 * members and orders; the platform's receive every event and are an administrator's alone (SPEC section 1: not
 * an operator's, who is refused with FORBIDDEN by every method before anything is read or written). Another
 * owner's endpoint or delivery is NOT_FOUND, indistinguishable from an unknown one. Every write is audited.
 */
public interface ManageWebhooksUseCase {

    /**
     * Registers an endpoint; the answer holds its signing secret, shown this once.
     *
     * @throws io.invitehub.domain.shared.DomainException VALIDATION_FAILED for a URL that is not https (http only
     *         with the development setting), an unknown or repeated event, no event; CONFLICT beyond the endpoints
     *         allowed per owner
     */
    CreatedEndpoint register(Actor actor, RegisterEndpointCommand command);

    /** The caller's endpoints by id ascending. */
    Page<EndpointView> endpoints(Actor actor, PageRequest page);

    /** Deletes the endpoint, its pending deliveries and its log. */
    void delete(Actor actor, long endpointId);

    /** The endpoint's deliveries, newest first, each with its latest attempts. */
    Page<DeliveryView> deliveries(Actor actor, long endpointId, PageRequest page);

    /**
     * Sends the delivery again now (and retries it again for the usual period); CONFLICT while a worker is
     * sending it.
     */
    DeliveryView redeliver(Actor actor, long endpointId, long deliveryId);
}

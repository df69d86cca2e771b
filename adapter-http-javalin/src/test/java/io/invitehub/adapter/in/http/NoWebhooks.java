package io.invitehub.adapter.in.http;

import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.webhooks.port.in.CreatedEndpoint;
import io.invitehub.application.webhooks.port.in.ManageWebhooksUseCase;
import io.invitehub.application.webhooks.port.in.RegisterEndpointCommand;
import io.invitehub.application.webhooks.view.DeliveryView;
import io.invitehub.application.webhooks.view.EndpointView;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.user.Actor;

import java.util.List;
import java.util.Optional;

/** The webhooks of a caller who has none: empty lists, NOT_FOUND for any id (the adapter's tests need no more; bootstrap tests the real ones). */
final class NoWebhooks implements ManageWebhooksUseCase {
    @Override
    public CreatedEndpoint register(Actor actor, RegisterEndpointCommand command) {
        throw new DomainException(io.invitehub.domain.shared.ErrorCode.CONFLICT, "no webhooks in this fixture");
    }

    @Override
    public Page<EndpointView> endpoints(Actor actor, PageRequest page) {
        return new Page<>(List.of(), Optional.empty());
    }

    @Override
    public void delete(Actor actor, long endpointId) {
        throw DomainException.notFound("webhook endpoint " + endpointId + " does not exist");
    }

    @Override
    public Page<DeliveryView> deliveries(Actor actor, long endpointId, PageRequest page) {
        throw DomainException.notFound("webhook endpoint " + endpointId + " does not exist");
    }

    @Override
    public DeliveryView redeliver(Actor actor, long endpointId, long deliveryId) {
        throw DomainException.notFound("webhook endpoint " + endpointId + " does not exist");
    }
}

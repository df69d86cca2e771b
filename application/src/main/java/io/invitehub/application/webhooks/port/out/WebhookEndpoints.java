package io.invitehub.application.webhooks.port.out;

import io.invitehub.application.webhooks.view.EndpointView;
import io.invitehub.domain.user.UserId;
import io.invitehub.domain.webhook.EndpointUrl;
import io.invitehub.domain.webhook.EventType;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Storage of webhook endpoints; the secret is sealed at the storage boundary (ADR 16) and never read back here. */
public interface WebhookEndpoints {

    EndpointView create(Optional<UserId> owner, EndpointUrl url, Set<EventType> events, String secret, Optional<String> description,
                        Optional<UserId> createdBy);

    /** The owner's endpoints (empty owner: the platform's) with an id above {@code afterId}, ascending, at most {@code limit}. */
    List<EndpointView> list(Optional<UserId> owner, long afterId, int limit);

    Optional<EndpointView> find(long id);

    /** How many endpoints the owner has. */
    int count(Optional<UserId> owner);

    boolean delete(long id);
}

package io.invitehub.application.webhooks.port.out;

import io.invitehub.application.webhooks.view.DeliveryView;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The webhook workers' side of the outbox and the delivery log. A claim takes one due delivery with SKIP
 * LOCKED, a token and a lease (a claim whose worker died is due again when the lease ends); every settling
 * write names the token, so a stale worker changes nothing.
 */
public interface WebhookDeliveries {

    Optional<DeliveryJob> claimNext(Instant now, Duration lease);

    /** Adds one attempt to the log. */
    void recordAttempt(long deliveryId, Instant at, Optional<Integer> statusCode, Optional<String> error, Duration took);

    /** DELIVERED; false when the claim was lost. */
    boolean delivered(DeliveryJob job, Instant now, int statusCode);

    /** Due again at {@code at}; false when the claim was lost. */
    boolean retryAt(DeliveryJob job, Instant at, Optional<Integer> statusCode, String error);

    /** FAILED (retrying stopped); false when the claim was lost. */
    boolean failed(DeliveryJob job, Optional<Integer> statusCode, String error);

    /** The endpoint's deliveries with an id below {@code beforeId}, newest first, at most {@code limit}, each with up to 5 attempts. */
    List<DeliveryView> list(long endpointId, long beforeId, int limit);

    Optional<DeliveryView> find(long endpointId, long deliveryId);

    /**
     * Makes the delivery due at {@code now} again, its attempts counted from zero and retried from {@code now} on;
     * false when a worker holds it (SENDING with a live lease).
     */
    boolean redeliver(long endpointId, long deliveryId, Instant now);

    /**
     * Deletes up to {@code limit} events older than {@code before} none of whose deliveries is still PENDING or
     * SENDING, with their deliveries and attempts; answers how many events.
     */
    int purgeSettled(Instant before, int limit);
}

package io.invitehub.application.webhooks.port.out;

import java.net.URI;
import java.time.Instant;

/**
 * A claimed delivery: the row and its claim token, the attempt this is (1 for the first since it was created
 * or redelivered), where it goes, the endpoint's secret (opened at the storage boundary), the event and the
 * exact body to send, and since when it is retried (its event's time, or its last redeliver): retrying stops
 * {@code retryFor} after that.
 */
public record DeliveryJob(long deliveryId, String claimToken, int attempt, URI url, String secret, long eventId,
                          String eventType, String body, Instant retrySince) {
    @Override
    public String toString() {
        return "DeliveryJob[" + deliveryId + ", attempt " + attempt + ", " + eventType + " → " + url.getHost() + ", secret=***]";
    }
}

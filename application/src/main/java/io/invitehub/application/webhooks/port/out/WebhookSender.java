package io.invitehub.application.webhooks.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * Sends one delivery over HTTP: signs it (HMAC-SHA256 over the timestamp and the body, with the endpoint's
 * secret), refuses addresses that are not public after DNS resolution (the SSRF guard, ADR 42), follows no
 * redirect, and bounds the time. Never throws for what the receiver or the network did: that is the result.
 */
public interface WebhookSender {

    Result send(DeliveryJob job, Instant timestamp);

    /** The receiver's status code when it answered; an error text when it did not answer with a 2xx. */
    record Result(Optional<Integer> statusCode, Optional<String> error) {
        public boolean success() {
            return error.isEmpty() && statusCode.filter(s -> s >= 200 && s < 300).isPresent();
        }

        public static Result answered(int status) {
            return new Result(Optional.of(status), status >= 200 && status < 300 ? Optional.empty()
                    : Optional.of("the receiver answered HTTP " + status));
        }

        public static Result notSent(String error) {
            return new Result(Optional.empty(), Optional.of(error));
        }
    }
}

package io.invitehub.domain.order;

import java.util.Objects;
import java.util.Optional;

/** Delivery progress of an order: status, codes delivered so far, attempts made and the last error. */
public record Fulfilment(FulfilmentStatus status, int delivered, int attempts, Optional<String> error) {
    public Fulfilment {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
        if (delivered < 0 || attempts < 0) {
            throw new IllegalArgumentException("delivered and attempts are never negative");
        }
    }
}

package io.invitehub.application.shared.port.in;

import java.time.Duration;
import java.util.Objects;

/**
 * What any use case may throw instead of its answer: its changes kept meeting concurrent ones (the
 * database aborted its transaction more often than it is run again), so nothing was changed, and the
 * same request is likely to succeed after {@link #retryAfter()} (HTTP: 503 {@code TRANSACTION_CONFLICT}
 * with {@code Retry-After}; ADR 28). Inbound adapters see this in-port type; the transaction runner
 * throws its out-port subclass {@code TransactionConflictException}.
 */
public class ConcurrentUpdateException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    public ConcurrentUpdateException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** When trying again is likely to succeed. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

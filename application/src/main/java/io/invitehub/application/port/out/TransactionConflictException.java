package io.invitehub.application.port.out;

import java.time.Duration;
import java.util.Objects;

/**
 * The database kept aborting a transaction because of concurrent ones (a deadlock or a serialization
 * failure), more often than {@link TransactionRunner} retries it. Nothing of the transaction was
 * changed; the same request may succeed a moment later ({@link #retryAfter()}; HTTP: 503 with
 * {@code Retry-After}).
 */
public final class TransactionConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    public TransactionConflictException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** When trying again is likely to succeed. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

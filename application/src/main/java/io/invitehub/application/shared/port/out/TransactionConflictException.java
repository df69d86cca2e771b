package io.invitehub.application.shared.port.out;

import io.invitehub.application.shared.port.in.ConcurrentUpdateException;

import java.time.Duration;

/**
 * The database kept aborting a transaction because of concurrent ones (a deadlock or a serialization
 * failure), more often than {@link TransactionRunner} retries it. Nothing of the transaction was
 * changed; the same request may succeed a moment later ({@link #retryAfter()}). Callers of use cases
 * see it as the in-port {@link ConcurrentUpdateException} (HTTP: 503 with {@code Retry-After}; ADR 28).
 */
public final class TransactionConflictException extends ConcurrentUpdateException {
    private static final long serialVersionUID = 1L;

    public TransactionConflictException(String message, Duration retryAfter, Throwable cause) {
        super(message, retryAfter, cause);
    }
}

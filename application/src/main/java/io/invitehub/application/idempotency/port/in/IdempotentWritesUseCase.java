package io.invitehub.application.idempotency.port.in;

import java.util.function.Supplier;

/**
 * Idempotency keys with Stripe's semantics (ADR 44). The first request with a key runs {@code write} inside
 * one database transaction that every use case it calls joins, and its answer is stored with the key in that
 * same transaction: the key commits exactly when the write does. A repeat (same scope, key, route and
 * fingerprint) gets the stored answer without running anything; the key with another request is refused
 * (IDEMPOTENCY_KEY_REUSED, 422); the key while its first request still runs is refused
 * (IDEMPOTENCY_KEY_IN_USE, 409). Keys are kept for a day.
 */
public interface IdempotentWritesUseCase {
    /** What to answer, and whether it is a stored answer replayed. */
    record Outcome(RecordedAnswer answer, boolean replayed) {
    }

    /**
     * @param write runs the request and returns its answer; an answer that is not {@linkplain RecordedAnswer#kept() kept}
     *              rolls the whole transaction back and stores nothing; an exception does the same and is rethrown
     * @throws io.invitehub.domain.shared.DomainException IDEMPOTENCY_KEY_REUSED or IDEMPOTENCY_KEY_IN_USE
     */
    Outcome run(IdempotentRequest request, Supplier<RecordedAnswer> write);
}

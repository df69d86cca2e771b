package io.invitehub.application.idempotency.port.in;

/** The job that forgets keys older than their day (ADR 44). */
public interface PurgeIdempotencyKeysUseCase {
    /** Deletes expired keys in batches; returns how many. */
    int purgeExpired();
}

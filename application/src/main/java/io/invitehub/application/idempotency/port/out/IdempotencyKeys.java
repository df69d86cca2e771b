package io.invitehub.application.idempotency.port.out;

import io.invitehub.application.idempotency.port.in.RecordedAnswer;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Stored idempotency keys. Every call runs in the caller's transaction. */
public interface IdempotencyKeys {
    /** A key with the request it belongs to and the answer it got. */
    record StoredKey(String scope, String key, String route, String fingerprint, RecordedAnswer answer, Instant createdAt) {
        public StoredKey {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    /**
     * Takes the key's lock until the transaction ends, without waiting: false when another transaction holds
     * it (that request is still running).
     */
    boolean tryLock(String scope, String key);

    Optional<StoredKey> find(String scope, String key);

    /** Stores a new key (none is stored for it: the caller holds its lock and found none). */
    void save(StoredKey key);

    /** Forgets the key (an expired one, before its request runs again). */
    void forget(String scope, String key);

    /** Deletes at most {@code limit} keys created before {@code before}; returns how many. */
    int purge(Instant before, int limit);
}

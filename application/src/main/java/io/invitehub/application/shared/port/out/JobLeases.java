package io.invitehub.application.shared.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * One runner per job across all nodes (for example "acceptance-sync:team-42"). A lease is held for a
 * time-to-live and must be renewed while the job runs; only its holder (identified by the token) can
 * renew or release it, so a runner that stalled past its lease cannot release someone else's.
 * Holding a lease is an optimisation, not a correctness guarantee: every job step is still an
 * idempotent conditional update in PostgreSQL.
 */
public interface JobLeases {

    /** A held lease: the job name and the holder's unguessable token. */
    record Lease(String job, String token) {
        @Override
        public String toString() {
            return "Lease[" + job + "]";
        }
    }

    /** Takes the lease of {@code job} for {@code ttl} when nobody holds it; empty when someone does. */
    Optional<Lease> tryAcquire(String job, Duration ttl);

    /** Extends a lease this holder still holds; false when it was lost (expired and taken, or released). */
    boolean renew(Lease lease, Duration ttl);

    /** Gives the lease up if this holder still holds it; does nothing otherwise. */
    void release(Lease lease);
}

package io.invitehub.application.redemption.port.out;

import io.invitehub.application.shared.view.SeatSummary;

import java.time.Duration;
import java.util.Optional;

/**
 * A short-lived copy of the public seat summary, shared by the nodes where the adapter allows it. It may
 * be stale for up to its time-to-live and may lose everything at any time: PostgreSQL answers then.
 */
public interface SeatsCache {

    /** The summary stored less than its time-to-live ago, if any. */
    Optional<SeatSummary> cached();

    /** Keeps {@code summary} for {@code ttl}. Never throws: a cache that cannot store just misses next time. */
    void store(SeatSummary summary, Duration ttl);
}

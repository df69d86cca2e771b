package io.invitehub.application.fakes;

import io.invitehub.application.redemption.port.out.SeatsCache;
import io.invitehub.application.shared.view.SeatSummary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A seats cache on a clock; counts how often it answered and how often it was filled. */
public final class InMemorySeatsCache implements SeatsCache {
    private final Clock clock;
    private SeatSummary summary;
    private Instant until = Instant.MIN;
    private int stores;

    public InMemorySeatsCache(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<SeatSummary> cached() {
        return summary != null && clock.instant().isBefore(until) ? Optional.of(summary) : Optional.empty();
    }

    @Override
    public synchronized void store(SeatSummary summary, Duration ttl) {
        this.summary = summary;
        this.until = clock.instant().plus(ttl);
        stores++;
    }

    public synchronized int stores() {
        return stores;
    }
}

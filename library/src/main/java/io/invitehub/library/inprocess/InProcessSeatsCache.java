package io.invitehub.library.inprocess;

import io.invitehub.application.redemption.port.out.SeatsCache;
import io.invitehub.application.shared.view.SeatSummary;

import java.time.Duration;
import java.util.Optional;

/** The seat summary cached in this JVM (one immutable entry, replaced whole). */
public final class InProcessSeatsCache implements SeatsCache {
    private record Entry(SeatSummary summary, long untilNanos) {
    }

    private volatile Entry entry;

    @Override
    public Optional<SeatSummary> cached() {
        Entry e = entry;
        return e != null && System.nanoTime() - e.untilNanos() < 0 ? Optional.of(e.summary()) : Optional.empty();
    }

    @Override
    public void store(SeatSummary summary, Duration ttl) {
        entry = new Entry(summary, System.nanoTime() + ttl.toNanos());
    }
}

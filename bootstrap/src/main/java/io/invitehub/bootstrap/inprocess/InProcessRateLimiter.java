package io.invitehub.bootstrap.inprocess;

import io.invitehub.application.port.out.RateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window counters in this JVM, for the embedded default and single-node runs. With several
 * nodes the Redis adapter shares the counters instead (issue 6). Expired windows are swept when the
 * map grows, so memory stays bounded by the keys active in one window.
 */
public final class InProcessRateLimiter implements RateLimiter {
    private static final int SWEEP_THRESHOLD = 100_000;

    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong nextSweepMillis = new java.util.concurrent.atomic.AtomicLong();

    public InProcessRateLimiter(Clock clock) {
        this.clock = clock;
    }

    private record Window(long startMillis, long endMillis, int count) {
    }

    @Override
    public Optional<Duration> tryAcquire(Limit limit, String key) {
        long now = clock.millis();
        Window[] refusedIn = new Window[1];
        windows.compute(limit.name() + '\u0000' + key, (k, w) -> {
            if (w == null || now >= w.endMillis()) {
                return new Window(now, now + limit.window().toMillis(), 1);
            }
            if (w.count() >= limit.permits()) {
                refusedIn[0] = w;
                return w;
            }
            return new Window(w.startMillis(), w.endMillis(), w.count() + 1);
        });
        sweepIfLarge(now);
        return refusedIn[0] == null ? Optional.empty() : Optional.of(Duration.ofMillis(refusedIn[0].endMillis() - now));
    }

    @Override
    public Optional<Duration> blocked(Limit limit, String key) {
        long now = clock.millis();
        Window w = windows.get(limit.name() + '\u0000' + key);
        if (w == null || now >= w.endMillis() || w.count() < limit.permits()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(w.endMillis() - now));
    }

    /** At most one sweep a second, by one caller, and only when the map is large. */
    private void sweepIfLarge(long now) {
        long due = nextSweepMillis.get();
        if (windows.size() > SWEEP_THRESHOLD && now >= due && nextSweepMillis.compareAndSet(due, now + 1_000)) {
            windows.values().removeIf(w -> now >= w.endMillis());
        }
    }
}

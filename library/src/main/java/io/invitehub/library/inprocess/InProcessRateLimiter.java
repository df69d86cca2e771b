package io.invitehub.library.inprocess;

import io.invitehub.application.shared.port.out.RateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window counters and lockouts in this JVM, for the embedded default and single-node runs, and
 * the fallback of the Redis limiter while Redis is down (ADR 19). With several nodes the Redis adapter
 * shares the counters instead. A lockout keeps an explicit locked-until instant, so a key locked late in
 * a window stays locked for the whole lock. Expired entries are swept when the map grows, so memory
 * stays bounded by the keys active in one window.
 */
public final class InProcessRateLimiter implements RateLimiter {
    private static final int SWEEP_THRESHOLD = 100_000;

    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong nextSweepMillis = new java.util.concurrent.atomic.AtomicLong();

    public InProcessRateLimiter(Clock clock) {
        this.clock = clock;
    }

    /** A window of counted events; for a lockout, {@code lockedUntilMillis} > 0 while locked. */
    private record Window(long startMillis, long endMillis, int count, long lockedUntilMillis) {
        Window(long startMillis, long endMillis, int count) {
            this(startMillis, endMillis, count, 0);
        }

        long expiresMillis() {
            return Math.max(endMillis, lockedUntilMillis);
        }
    }

    @Override
    public Optional<Duration> recordFailure(Lockout lockout, String key) {
        long now = clock.millis();
        long[] lockedUntil = new long[1];
        windows.compute(lockKey(lockout, key), (k, w) -> {
            if (w != null && now < w.lockedUntilMillis()) {
                lockedUntil[0] = w.lockedUntilMillis();
                return w;
            }
            Window current = w == null || now >= w.endMillis() ? new Window(now, now + lockout.window().toMillis(), 0) : w;
            int failures = current.count() + 1;
            if (failures >= lockout.failures()) {
                lockedUntil[0] = now + lockout.lockFor().toMillis();
                return new Window(now, now, 0, lockedUntil[0]);
            }
            return new Window(current.startMillis(), current.endMillis(), failures);
        });
        sweepIfLarge(now);
        return lockedUntil[0] == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(lockedUntil[0] - now));
    }

    @Override
    public Optional<Duration> locked(Lockout lockout, String key) {
        long now = clock.millis();
        Window w = windows.get(lockKey(lockout, key));
        if (w == null || now >= w.lockedUntilMillis()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(w.lockedUntilMillis() - now));
    }

    private static String lockKey(Lockout lockout, String key) {
        return "lock\u0000" + lockout.name() + '\u0000' + key;
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
            windows.values().removeIf(w -> now >= w.expiresMillis());
        }
    }
}

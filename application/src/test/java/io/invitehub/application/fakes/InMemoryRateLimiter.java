package io.invitehub.application.fakes;

import io.invitehub.application.port.out.RateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Fixed windows on a clock: a window of a limit starts at a multiple of its length since the epoch.
 * {@link #unlimited()} never refuses (and counts nothing).
 */
public final class InMemoryRateLimiter implements RateLimiter {
    private record WindowKey(String name, String key, long windowStartMillis) {
    }

    private final Clock clock;
    private final boolean enforcing;
    private final Map<WindowKey, Integer> counts = new HashMap<>();

    public InMemoryRateLimiter(Clock clock) {
        this(clock, true);
    }

    private InMemoryRateLimiter(Clock clock, boolean enforcing) {
        this.clock = clock;
        this.enforcing = enforcing;
    }

    public static InMemoryRateLimiter unlimited() {
        return new InMemoryRateLimiter(Clock.systemUTC(), false);
    }

    @Override
    public synchronized Optional<Duration> tryAcquire(Limit limit, String key) {
        if (!enforcing) {
            return Optional.empty();
        }
        Optional<Duration> wait = blocked(limit, key);
        if (wait.isEmpty()) {
            counts.merge(windowKey(limit, key), 1, Integer::sum);
        }
        return wait;
    }

    @Override
    public synchronized Optional<Duration> blocked(Limit limit, String key) {
        if (!enforcing) {
            return Optional.empty();
        }
        WindowKey window = windowKey(limit, key);
        if (counts.getOrDefault(window, 0) < limit.permits()) {
            return Optional.empty();
        }
        Instant end = Instant.ofEpochMilli(window.windowStartMillis() + limit.window().toMillis());
        return Optional.of(Duration.between(clock.instant(), end));
    }

    /** Events counted for {@code key} in the current window of {@code limit}. */
    public synchronized int count(Limit limit, String key) {
        return counts.getOrDefault(windowKey(limit, key), 0);
    }

    private WindowKey windowKey(Limit limit, String key) {
        long length = limit.window().toMillis();
        long now = clock.instant().toEpochMilli();
        return new WindowKey(limit.name(), key, Math.floorDiv(now, length) * length);
    }
}

package io.invitehub.application.fakes;

import io.invitehub.application.shared.port.out.RateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Fixed windows on a clock: a window of a limit starts at a multiple of its length since the epoch.
 * Lockouts keep an explicit locked-until instant. {@link #unlimited()} never refuses (and counts nothing).
 */
public final class InMemoryRateLimiter implements RateLimiter {
    private record WindowKey(String name, String key, long windowStartMillis) {
    }

    private record LockKey(String name, String key) {
    }

    private final Clock clock;
    private final boolean enforcing;
    private final Map<WindowKey, Integer> counts = new HashMap<>();
    private final Map<LockKey, Instant> lockedUntil = new HashMap<>();
    private final Map<LockKey, Integer> failures = new HashMap<>();

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

    /**
     * Failures counted in epoch-aligned windows of the lockout; the lock itself runs {@code lockFor}
     * from the failure that reached the limit.
     */
    @Override
    public synchronized Optional<Duration> recordFailure(Lockout lockout, String key) {
        if (!enforcing) {
            return Optional.empty();
        }
        Optional<Duration> locked = locked(lockout, key);
        if (locked.isPresent()) {
            return locked;
        }
        Limit window = new Limit(lockout.name(), lockout.failures(), lockout.window());
        int n = counts.merge(windowKey(window, key), 1, Integer::sum);
        LockKey lock = new LockKey(lockout.name(), key);
        failures.merge(lock, 1, Integer::sum);
        if (n >= lockout.failures()) {
            counts.remove(windowKey(window, key));
            lockedUntil.put(lock, clock.instant().plus(lockout.lockFor()));
            return Optional.of(lockout.lockFor());
        }
        return Optional.empty();
    }

    @Override
    public synchronized Optional<Duration> locked(Lockout lockout, String key) {
        if (!enforcing) {
            return Optional.empty();
        }
        Instant until = lockedUntil.get(new LockKey(lockout.name(), key));
        Instant now = clock.instant();
        return until != null && now.isBefore(until) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    /** Events counted for {@code key} in the current window of {@code limit}. */
    public synchronized int count(Limit limit, String key) {
        return counts.getOrDefault(windowKey(limit, key), 0);
    }

    /** Every failure ever counted for {@code key} under {@code lockout} (not reset by locks or windows). */
    public synchronized int count(Lockout lockout, String key) {
        return failures.getOrDefault(new LockKey(lockout.name(), key), 0);
    }

    private WindowKey windowKey(Limit limit, String key) {
        long length = limit.window().toMillis();
        long now = clock.instant().toEpochMilli();
        return new WindowKey(limit.name(), key, Math.floorDiv(now, length) * length);
    }
}

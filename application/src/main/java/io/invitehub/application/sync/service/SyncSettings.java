package io.invitehub.application.sync.service;

import java.time.Duration;

/**
 * Tunables of the acceptance sync: how often each team is read, the lease a runner holds on a team
 * (renewed after every page), the page size of the member list, and the backoff after a failure
 * (base × 2^(failures − 1), capped at the interval).
 */
public record SyncSettings(Duration interval, Duration lease, int pageSize, Duration retryBase) {
    /** A provider that keeps answering "more" is broken: stop after this many pages and retry later. */
    public static final int MAX_PAGES = 10_000;

    public SyncSettings {
        if (interval.isNegative() || interval.isZero() || lease.isNegative() || lease.isZero()
                || retryBase.isNegative() || retryBase.isZero()) {
            throw new IllegalArgumentException("interval, lease and retryBase must be positive");
        }
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("pageSize must be between 1 and 1000");
        }
    }

    public static SyncSettings defaults() {
        return new SyncSettings(Duration.ofMinutes(3), Duration.ofMinutes(2), 100, Duration.ofSeconds(15));
    }

    /** The wait after {@code failures} consecutive failures. */
    public Duration backoff(int failures) {
        int shift = Math.min(Math.max(failures - 1, 0), 20);
        Duration wait = retryBase.multipliedBy(1L << shift);
        return wait.compareTo(interval) > 0 ? interval : wait;
    }
}

package io.invitehub.application.shared.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * Counts events per key in fixed windows, and locks keys after repeated failures; shared by every
 * node where the adapter allows it (Redis), per process otherwise. A window starts with the first
 * event of a key and lasts {@code window}.
 */
public interface RateLimiter {

    /** A limit: at most {@code permits} events per {@code window} for one key of {@code name}. */
    record Limit(String name, int permits, Duration window) {
        public Limit {
            if (permits < 1) {
                throw new IllegalArgumentException("permits must be at least 1");
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive");
            }
        }
    }

    /**
     * A lockout: {@code failures} failures of one key within {@code window} lock the key for
     * {@code lockFor}, counted from the failure that reached the limit (never cut short by a window end).
     */
    record Lockout(String name, int failures, Duration window, Duration lockFor) {
        public Lockout {
            if (failures < 1) {
                throw new IllegalArgumentException("failures must be at least 1");
            }
            if (window.isNegative() || window.isZero() || lockFor.isNegative() || lockFor.isZero()) {
                throw new IllegalArgumentException("window and lockFor must be positive");
            }
        }
    }

    /** Counts one event; when the limit is already reached, counts nothing and returns the wait until the window ends. */
    Optional<Duration> tryAcquire(Limit limit, String key);

    /** The wait until the window ends when the limit is reached, without counting anything. */
    Optional<Duration> blocked(Limit limit, String key);

    /**
     * Counts one failure of {@code key}. Returns the time the key stays locked when this failure
     * reached the limit or the key was already locked (failures while locked are not counted).
     */
    Optional<Duration> recordFailure(Lockout lockout, String key);

    /** How long {@code key} stays locked; empty when it is not locked. */
    Optional<Duration> locked(Lockout lockout, String key);
}

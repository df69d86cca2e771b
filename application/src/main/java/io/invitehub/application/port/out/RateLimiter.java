package io.invitehub.application.port.out;

import java.time.Duration;
import java.util.Optional;

/** Counts events per key in fixed windows, shared by every node where the adapter allows it. */
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

    /** Counts one event; when the limit is already reached, counts nothing and returns the wait until the window ends. */
    Optional<Duration> tryAcquire(Limit limit, String key);

    /** The wait until the window ends when the limit is reached, without counting anything. */
    Optional<Duration> blocked(Limit limit, String key);
}

package io.invitehub.adapter.out.provider.simulated;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link SimulatedTeamProvider} behaves: latency, injected faults, acceptance delay and the
 * seat count of workspaces created on first use.
 *
 * <p>Faults are drawn once per call with a single uniform number {@code r} in {@code [0, 1)}:
 * {@code r < rateLimitedRate} → RATE_LIMITED (carrying {@code retryAfter}); else
 * {@code r < rateLimitedRate + timeoutRate} → the call sleeps {@code timeout} and fails TRANSIENT
 * "timeout"; else {@code r < rateLimitedRate + timeoutRate + transientErrorRate} → TRANSIENT.
 * The three rates are therefore exact per-call probabilities and must add up to at most 1.
 *
 * @param minLatency         the shortest real sleep before every call
 * @param maxLatency         the longest real sleep before every call (uniform between min and max)
 * @param transientErrorRate probability of an immediate TRANSIENT failure per call
 * @param timeoutRate        probability of a timeout per call
 * @param timeout            how long a timed-out call sleeps before failing TRANSIENT
 * @param rateLimitedRate    probability of RATE_LIMITED per call
 * @param retryAfter         the retry-after carried by RATE_LIMITED
 * @param acceptanceDelay    how long after the invite a pending invitee becomes a member
 * @param defaultSeats       seats of a workspace created on first use
 */
public record SimulationSettings(
        Duration minLatency,
        Duration maxLatency,
        double transientErrorRate,
        double timeoutRate,
        Duration timeout,
        double rateLimitedRate,
        Duration retryAfter,
        Duration acceptanceDelay,
        int defaultSeats) {

    public static final Duration DEFAULT_ACCEPTANCE_DELAY = Duration.ofSeconds(30);
    public static final int DEFAULT_SEATS = 500;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    public SimulationSettings {
        Objects.requireNonNull(minLatency, "minLatency");
        Objects.requireNonNull(maxLatency, "maxLatency");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(acceptanceDelay, "acceptanceDelay");
        if (minLatency.isNegative() || maxLatency.compareTo(minLatency) < 0) {
            throw new IllegalArgumentException("latency must satisfy 0 <= min <= max");
        }
        if (timeout.isNegative() || retryAfter.isNegative() || acceptanceDelay.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        requireProbability(transientErrorRate, "transientErrorRate");
        requireProbability(timeoutRate, "timeoutRate");
        requireProbability(rateLimitedRate, "rateLimitedRate");
        if (transientErrorRate + timeoutRate + rateLimitedRate > 1.0 + 1e-9) {
            throw new IllegalArgumentException("fault rates add up to more than 1");
        }
        if (defaultSeats < 0) {
            throw new IllegalArgumentException("defaultSeats must not be negative");
        }
    }

    /** No faults, no latency, acceptance after 30 s, 500 seats per auto-created workspace. */
    public static SimulationSettings defaults() {
        return new SimulationSettings(Duration.ZERO, Duration.ZERO, 0.0, 0.0, DEFAULT_TIMEOUT,
                0.0, DEFAULT_RETRY_AFTER, DEFAULT_ACCEPTANCE_DELAY, DEFAULT_SEATS);
    }

    public SimulationSettings withLatency(Duration min, Duration max) {
        return new SimulationSettings(min, max, transientErrorRate, timeoutRate, timeout,
                rateLimitedRate, retryAfter, acceptanceDelay, defaultSeats);
    }

    public SimulationSettings withTransientErrorRate(double rate) {
        return new SimulationSettings(minLatency, maxLatency, rate, timeoutRate, timeout,
                rateLimitedRate, retryAfter, acceptanceDelay, defaultSeats);
    }

    public SimulationSettings withTimeouts(double rate, Duration sleep) {
        return new SimulationSettings(minLatency, maxLatency, transientErrorRate, rate, sleep,
                rateLimitedRate, retryAfter, acceptanceDelay, defaultSeats);
    }

    public SimulationSettings withRateLimit(double rate, Duration after) {
        return new SimulationSettings(minLatency, maxLatency, transientErrorRate, timeoutRate, timeout,
                rate, after, acceptanceDelay, defaultSeats);
    }

    public SimulationSettings withAcceptanceDelay(Duration delay) {
        return new SimulationSettings(minLatency, maxLatency, transientErrorRate, timeoutRate, timeout,
                rateLimitedRate, retryAfter, delay, defaultSeats);
    }

    public SimulationSettings withDefaultSeats(int seats) {
        return new SimulationSettings(minLatency, maxLatency, transientErrorRate, timeoutRate, timeout,
                rateLimitedRate, retryAfter, acceptanceDelay, seats);
    }

    /** Whether any fault can be injected. */
    public boolean injectsFaults() {
        return transientErrorRate > 0 || timeoutRate > 0 || rateLimitedRate > 0;
    }

    private static void requireProbability(double p, String name) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException(name + " must be within [0, 1]");
        }
    }
}

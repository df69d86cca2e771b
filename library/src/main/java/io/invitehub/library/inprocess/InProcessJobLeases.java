package io.invitehub.library.inprocess;

import io.invitehub.application.shared.port.out.JobLeases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Job leases inside one JVM (the embedded default runs one node). */
public final class InProcessJobLeases implements JobLeases {
    private record Held(String token, Instant until) {
    }

    private final ConcurrentMap<String, Held> held = new ConcurrentHashMap<>();
    private final Clock clock;

    public InProcessJobLeases(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<Lease> tryAcquire(String job, Duration ttl) {
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Held mine = new Held(token, now.plus(ttl));
        Held result = held.compute(job, (k, current) -> current == null || !current.until().isAfter(now) ? mine : current);
        return result == mine ? Optional.of(new Lease(job, token)) : Optional.empty();
    }

    @Override
    public boolean renew(Lease lease, Duration ttl) {
        Instant now = clock.instant();
        Held result = held.computeIfPresent(lease.job(), (k, current) ->
                current.token().equals(lease.token()) && current.until().isAfter(now) ? new Held(current.token(), now.plus(ttl)) : current);
        return result != null && result.token().equals(lease.token()) && result.until().isAfter(now);
    }

    @Override
    public void release(Lease lease) {
        held.computeIfPresent(lease.job(), (k, current) -> current.token().equals(lease.token()) ? null : current);
    }
}

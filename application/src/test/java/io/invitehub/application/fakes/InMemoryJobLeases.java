package io.invitehub.application.fakes;

import io.invitehub.application.shared.port.out.JobLeases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Job leases on a (test) clock, following the {@link JobLeases} javadoc; counts acquisitions. */
public final class InMemoryJobLeases implements JobLeases {
    private record Held(String token, Instant until) {
    }

    private final Map<String, Held> held = new HashMap<>();
    private final Clock clock;
    private int acquired;

    public InMemoryJobLeases(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Lease> tryAcquire(String job, Duration ttl) {
        Instant now = clock.instant();
        Held current = held.get(job);
        if (current != null && current.until().isAfter(now)) {
            return Optional.empty();
        }
        String token = UUID.randomUUID().toString();
        held.put(job, new Held(token, now.plus(ttl)));
        acquired++;
        return Optional.of(new Lease(job, token));
    }

    @Override
    public synchronized boolean renew(Lease lease, Duration ttl) {
        Instant now = clock.instant();
        Held current = held.get(lease.job());
        if (current == null || !current.token().equals(lease.token()) || !current.until().isAfter(now)) {
            return false;
        }
        held.put(lease.job(), new Held(current.token(), now.plus(ttl)));
        return true;
    }

    @Override
    public synchronized void release(Lease lease) {
        Held current = held.get(lease.job());
        if (current != null && current.token().equals(lease.token())) {
            held.remove(lease.job());
        }
    }

    /** Whether someone holds the lease of {@code job} now. */
    public synchronized boolean isHeld(String job) {
        Held current = held.get(job);
        return current != null && current.until().isAfter(clock.instant());
    }

    public synchronized int acquisitions() {
        return acquired;
    }
}

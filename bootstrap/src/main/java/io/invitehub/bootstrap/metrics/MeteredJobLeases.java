package io.invitehub.bootstrap.metrics;

import io.invitehub.application.shared.port.out.JobLeases;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code invitehub_job_leases_held{job}}: the job leases this node holds now, by kind of job (the team of an
 * acceptance-sync lease left out, so the kinds stay few). A lease counts until it is released, lost at a
 * renewal, or past its time to live (the statistics upkeep keeps its lease for its whole interval). Summed
 * over nodes, each kind shows how many runners it has: 0 for a job nobody runs, 1 per job at most.
 */
final class MeteredJobLeases implements JobLeases {
    private final JobLeases leases;
    private final Clock clock;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final Map<String, Boolean> kinds = new ConcurrentHashMap<>();

    private record Held(String kind, Instant until) {
    }

    MeteredJobLeases(JobLeases leases, MeterRegistry registry, Clock clock) {
        this.leases = leases;
        this.registry = registry;
        this.clock = clock;
        for (String kind : new String[] {"maintenance:statistics", "acceptance-sync", "lifecycle:resume-removals", "lifecycle:settle-rebinds",
                "lifecycle:unaccepted-timeout", "lifecycle:expiry"}) {
            gauge(kind);
        }
    }

    /** {@code acceptance-sync:team-42} is of kind {@code acceptance-sync}; other job names are their own kind. */
    static String kind(String job) {
        return job.replaceFirst(":team-\\d+$", "");
    }

    private void gauge(String kind) {
        if (kinds.putIfAbsent(kind, Boolean.TRUE) == null) {
            Gauge.builder("invitehub.job.leases.held", held, h -> count(kind)).description("Job leases this node holds, by job")
                    .tag("job", kind).strongReference(true).register(registry);
        }
    }

    private double count(String kind) {
        Instant now = clock.instant();
        held.values().removeIf(h -> h.until().isBefore(now));
        return held.values().stream().filter(h -> h.kind().equals(kind)).count();
    }

    @Override
    public Optional<Lease> tryAcquire(String job, Duration ttl) {
        Optional<Lease> lease = leases.tryAcquire(job, ttl);
        lease.ifPresent(l -> {
            String kind = kind(job);
            gauge(kind);
            held.put(l.token(), new Held(kind, clock.instant().plus(ttl)));
        });
        return lease;
    }

    @Override
    public boolean renew(Lease lease, Duration ttl) {
        boolean renewed = leases.renew(lease, ttl);
        if (renewed) {
            held.put(lease.token(), new Held(kind(lease.job()), clock.instant().plus(ttl)));
        } else {
            held.remove(lease.token());
        }
        return renewed;
    }

    @Override
    public void release(Lease lease) {
        try {
            leases.release(lease);
        } finally {
            held.remove(lease.token());
        }
    }
}

package io.invitehub.library.worker;

import io.invitehub.application.membership.port.in.MemberLifecycleJobsUseCase;
import io.invitehub.application.shared.port.out.JobLeases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The member-lifecycle steps (ADR 11) on a schedule: resume due removals, settle rebinds, cancel
 * unaccepted invites, expire members, every {@code interval}. Each step drains its batches (bounded per
 * run) under a {@link JobLeases} lease, so across nodes one runner works on a step at a time; the claims
 * themselves use SKIP LOCKED, so two runners would still never take the same invitation.
 */
public final class LifecycleJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleJobs.class);
    /** Batches one step may take per run before it yields to the next step. */
    static final int MAX_BATCHES_PER_RUN = 20;

    private ScheduledExecutorService scheduler;
    private final Duration interval;
    private final JobLeases leases;
    private final Duration leaseTtl;
    private final int batchSize;
    private final Map<String, IntSupplier> steps = new LinkedHashMap<>();

    public LifecycleJobs(MemberLifecycleJobsUseCase jobs, JobLeases leases, Duration interval, Duration removalLease, int batchSize) {
        this.leases = leases;
        this.leaseTtl = removalLease.compareTo(interval) > 0 ? removalLease : interval;
        this.batchSize = batchSize;
        steps.put("lifecycle:resume-removals", jobs::resumeRemovals);
        steps.put("lifecycle:settle-rebinds", jobs::settleRebinds);
        steps.put("lifecycle:unaccepted-timeout", jobs::cancelUnaccepted);
        steps.put("lifecycle:expiry", jobs::expireMembers);
        this.interval = interval;
    }

    /** Runs every step every interval on its own thread, until {@link #close()}; a second call does nothing. */
    public synchronized LifecycleJobs start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "member-lifecycle");
                t.setDaemon(true);
                return t;
            });
            scheduler.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** One run of every step on the calling thread (also for tests, operators and embedding services); returns the steps that ran. */
    public int runOnce() {
        int ran = 0;
        for (Map.Entry<String, IntSupplier> step : steps.entrySet()) {
            if (runStep(step.getKey(), step.getValue())) {
                ran++;
            }
        }
        return ran;
    }

    private boolean runStep(String job, IntSupplier step) {
        Optional<JobLeases.Lease> lease;
        try {
            lease = leases.tryAcquire(job, leaseTtl);
        } catch (RuntimeException e) {
            LOG.warn("could not take the lease of {}; skipping this run", job, e);
            return false;
        }
        if (lease.isEmpty()) {
            return false; // another node runs it now
        }
        try {
            for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
                int taken = step.getAsInt();
                if (taken > 0) {
                    LOG.info("{}: took {} invitation(s)", job, taken);
                }
                if (taken < batchSize || !leases.renew(lease.get(), leaseTtl)) {
                    return true;
                }
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warn("{} failed; retrying at the next run", job, e);
            return true;
        } finally {
            leases.release(lease.get());
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            WorkLoops.stop(scheduler);
        }
    }
}

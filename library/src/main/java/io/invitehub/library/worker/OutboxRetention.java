package io.invitehub.library.worker;

import io.invitehub.application.shared.port.out.JobLeases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Deletes settled mail and webhook events (with their deliveries and log) past their retention (ADR 41, 42):
 * every interval, on one node across the cluster, under the lease {@value #JOB} (like {@link MaintenanceJobs});
 * each purge runs batch after batch (at most {@link #MAX_BATCHES} a run) while batches come back full, renewing
 * the lease between them. Without the lease (held elsewhere, Redis down) the run does nothing: nothing waits on it.
 */
public final class OutboxRetention implements AutoCloseable {
    static final String JOB = "outbox:retention";
    static final int MAX_BATCHES = 100;
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRetention.class);

    private ScheduledExecutorService scheduler;
    private final List<IntSupplier> purges;
    private final JobLeases leases;
    private final Duration every;

    /** {@code purges}: each deletes one batch and answers how many rows it deleted. */
    public OutboxRetention(List<IntSupplier> purges, JobLeases leases, Duration every) {
        this.purges = List.copyOf(purges);
        this.leases = leases;
        this.every = every;
    }

    /** Runs every interval on its own thread, until {@link #close()}; a second call does nothing. */
    public synchronized OutboxRetention start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "outbox-retention");
                t.setDaemon(true);
                return t;
            });
            scheduler.scheduleWithFixedDelay(this::runOnce, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** One run (also for tests): answers the rows deleted, or -1 when another node holds the lease. */
    public long runOnce() {
        Optional<JobLeases.Lease> lease;
        try {
            lease = leases.tryAcquire(JOB, every);
        } catch (RuntimeException e) {
            LOG.warn("could not take the lease of {}; skipping this run", JOB, e);
            return -1;
        }
        if (lease.isEmpty()) {
            return -1;
        }
        long deleted = 0;
        try {
            for (IntSupplier purge : purges) {
                for (int batch = 0; batch < MAX_BATCHES; batch++) {
                    int n = purge.getAsInt();
                    deleted += n;
                    if (n == 0 || !leases.renew(lease.get(), every)) {
                        break;
                    }
                }
            }
            if (deleted > 0) {
                LOG.info("deleted {} settled mail and webhook row(s) past their retention", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("{} failed; retrying at the next run", JOB, e);
        } finally {
            leases.release(lease.get());
        }
        return deleted;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            WorkLoops.stop(scheduler);
        }
    }
}

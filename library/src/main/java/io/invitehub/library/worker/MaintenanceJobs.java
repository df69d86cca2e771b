package io.invitehub.library.worker;

import io.invitehub.application.distributors.port.in.MaintainStatisticsUseCase;
import io.invitehub.application.shared.port.out.JobLeases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Periodic upkeep: folds the statistics expiry rollup once at start and then every interval, on one
 * node per interval across the cluster. Each tick tries to take the lease {@value #JOB} for the whole
 * interval and keeps it (no release), so the other nodes' ticks in the same interval find it held and
 * skip. Without a lease (held elsewhere, or Redis down: leases fail closed) the tick does nothing; the
 * fold is an idempotent transaction, so a skipped or repeated run changes no number.
 */
public final class MaintenanceJobs implements AutoCloseable {
    static final String JOB = "maintenance:statistics";
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceJobs.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "maintenance");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong runs = new AtomicLong();

    public MaintenanceJobs(MaintainStatisticsUseCase statistics, JobLeases leases, Duration every) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                Optional<JobLeases.Lease> lease = leases.tryAcquire(JOB, every);
                if (lease.isEmpty()) {
                    return;
                }
                runs.incrementAndGet();
                long folded = statistics.compactExpiry();
                if (folded > 0) {
                    LOG.info("folded {} expiry rollup rows of the past", folded);
                }
                long days = statistics.compactDays();
                if (days > 0) {
                    LOG.info("folded {} daily rollup rows of past days", days);
                }
            } catch (RuntimeException e) {
                LOG.warn("statistics maintenance failed; retrying at the next run", e);
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many times this node ran the job (it held the lease). */
    public long runs() {
        return runs.get();
    }

    @Override
    public void close() {
        WorkLoops.stop(scheduler);
    }
}

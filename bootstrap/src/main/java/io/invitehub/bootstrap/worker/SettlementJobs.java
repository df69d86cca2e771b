package io.invitehub.bootstrap.worker;

import io.invitehub.application.settlement.port.in.ManageSettlementUseCase;
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
 * The monthly statements (ADR 37): at start and then every interval, on one node per interval (the lease
 * {@value #JOB}, held for the whole interval like {@link MaintenanceJobs}), writes the statements of every month
 * that ended and refreshes those still OPEN. Idempotent: a month is written once, a confirmed one never touched,
 * so a skipped or repeated run changes no number; in practice it writes once a month, in the first run after the
 * month ends in the business time zone.
 */
public final class SettlementJobs implements AutoCloseable {
    static final String JOB = "settlement:statements";
    private static final Logger LOG = LoggerFactory.getLogger(SettlementJobs.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "settlement");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong runs = new AtomicLong();

    public SettlementJobs(ManageSettlementUseCase settlement, JobLeases leases, Duration every) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                Optional<JobLeases.Lease> lease = leases.tryAcquire(JOB, every);
                if (lease.isEmpty()) {
                    return;
                }
                runs.incrementAndGet();
                int written = settlement.writeStatements();
                if (written > 0) {
                    LOG.info("wrote or refreshed {} monthly statement(s)", written);
                }
            } catch (RuntimeException e) {
                LOG.warn("writing the monthly statements failed; retrying at the next run", e);
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public long runs() {
        return runs.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}

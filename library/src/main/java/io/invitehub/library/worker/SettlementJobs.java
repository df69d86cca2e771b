package io.invitehub.library.worker;

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
 * The monthly statements (ADR 37): every interval, on one node per interval (the lease {@value #JOB}, held for
 * the whole interval like {@link MaintenanceJobs}), writes the statements of every month that ended and
 * refreshes those still OPEN. Idempotent: a month is written once, a confirmed one never touched, so a skipped
 * or repeated run changes no number; in practice it writes once a month, in the first run after the month ends
 * in the business time zone. Starts no thread until {@link #start()} (ADR 38): an embedding service may call
 * {@link #runOnce()} from its own scheduler instead.
 */
public final class SettlementJobs implements AutoCloseable {
    static final String JOB = "settlement:statements";
    private static final Logger LOG = LoggerFactory.getLogger(SettlementJobs.class);

    private final ManageSettlementUseCase settlement;
    private final JobLeases leases;
    private final Duration every;
    private final AtomicLong runs = new AtomicLong();
    private ScheduledExecutorService scheduler;

    public SettlementJobs(ManageSettlementUseCase settlement, JobLeases leases, Duration every) {
        this.settlement = settlement;
        this.leases = leases;
        this.every = every;
    }

    /** Runs at once and then every interval on its own thread, until {@link #close()}; a second call does nothing. */
    public synchronized SettlementJobs start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "settlement");
                t.setDaemon(true);
                return t;
            });
            scheduler.scheduleWithFixedDelay(this::runLogged, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /**
     * One run on the calling thread when this node takes the interval's lease; the statements written or
     * refreshed (0 when another node, or an earlier run of this interval, holds the lease). Failures propagate.
     */
    public int runOnce() {
        Optional<JobLeases.Lease> lease = leases.tryAcquire(JOB, every);
        if (lease.isEmpty()) {
            return 0;
        }
        runs.incrementAndGet();
        int written = settlement.writeStatements();
        if (written > 0) {
            LOG.info("wrote or refreshed {} monthly statement(s)", written);
        }
        return written;
    }

    private void runLogged() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("writing the monthly statements failed; retrying at the next run", e);
        }
    }

    /** How many times this node ran the job (it held the lease). */
    public long runs() {
        return runs.get();
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            WorkLoops.stop(scheduler);
        }
    }
}

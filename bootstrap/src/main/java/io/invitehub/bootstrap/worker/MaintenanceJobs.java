package io.invitehub.bootstrap.worker;

import io.invitehub.application.port.in.MaintainStatisticsUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Periodic upkeep: folds the statistics expiry rollup once at start and then every hour. Running it on
 * several nodes at once is harmless (each fold is one transaction; a second one finds nothing left).
 */
public final class MaintenanceJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceJobs.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "maintenance");
        t.setDaemon(true);
        return t;
    });

    public MaintenanceJobs(MaintainStatisticsUseCase statistics, Duration every) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                long folded = statistics.compactExpiry();
                if (folded > 0) {
                    LOG.info("folded {} expiry rollup rows of the past", folded);
                }
            } catch (RuntimeException e) {
                LOG.warn("statistics maintenance failed; retrying at the next run", e);
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}

package io.invitehub.library.worker;

import io.invitehub.application.idempotency.port.in.PurgeIdempotencyKeysUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Forgets idempotency keys past their day, every {@code interval} (ADR 44); a failed run is retried at the next. */
public final class IdempotencyKeyPurge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeyPurge.class);

    private final PurgeIdempotencyKeysUseCase purge;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public IdempotencyKeyPurge(PurgeIdempotencyKeysUseCase purge, Duration interval) {
        this.purge = purge;
        this.interval = interval;
    }

    /** Runs every interval on its own thread, until {@link #close()}; a second call does nothing. */
    public synchronized IdempotencyKeyPurge start() {
        if (scheduler != null) {
            return this;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idempotency-key-purge");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int purged = purge.purgeExpired();
                if (purged > 0) {
                    LOG.info("{} expired idempotency key(s) purged", purged);
                }
            } catch (RuntimeException e) {
                LOG.warn("idempotency key purge failed; retrying at the next run", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            WorkLoops.stop(scheduler);
        }
    }
}

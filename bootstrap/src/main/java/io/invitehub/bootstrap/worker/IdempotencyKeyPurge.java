package io.invitehub.bootstrap.worker;

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

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "idempotency-key-purge");
        t.setDaemon(true);
        return t;
    });

    public IdempotencyKeyPurge(PurgeIdempotencyKeysUseCase purge, Duration interval) {
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
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}

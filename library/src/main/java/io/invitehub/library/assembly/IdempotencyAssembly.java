package io.invitehub.library.assembly;

import io.invitehub.application.idempotency.port.in.IdempotentWritesUseCase;
import io.invitehub.application.idempotency.port.in.PurgeIdempotencyKeysUseCase;
import io.invitehub.application.idempotency.service.IdempotencyService;
import io.invitehub.application.idempotency.service.IdempotencySettings;
import io.invitehub.library.worker.IdempotencyKeyPurge;

import java.time.Duration;
import java.util.Deque;

/** Idempotency keys (ADR 44): the use case the HTTP adapter runs keyed writes through, and the purge of expired keys. */
public record IdempotencyAssembly(IdempotentWritesUseCase writes, PurgeIdempotencyKeysUseCase purge) {
    public static IdempotencyAssembly wire(Adapters a, Duration keep) {
        IdempotencyService service = new IdempotencyService(a.persistence().transactions(), a.persistence().idempotencyKeys(), a.clock(),
                new IdempotencySettings(keep, IdempotencySettings.defaults().purgeBatch()));
        return new IdempotencyAssembly(service, service);
    }

    /** Starts the hourly purge (every node may run it: one conditional DELETE with SKIP LOCKED). */
    public void startWorkers(Duration interval, Deque<AutoCloseable> resources) {
        resources.push(new IdempotencyKeyPurge(purge, interval).start());
    }
}

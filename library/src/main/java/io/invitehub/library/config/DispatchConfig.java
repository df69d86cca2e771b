package io.invitehub.library.config;

import java.time.Duration;

/** docs/configuration.md, "Invite dispatcher": the workers that drain the outbox of RESERVED invitations, and their retries. */
public record DispatchConfig(int threads, int batchSize, int maxAttempts, Duration backoffBase, Duration pollInterval,
                             Duration lease) {

    static DispatchConfig read(EnvironmentReader r) {
        return new DispatchConfig(
                r.integer("INVITEHUB_DISPATCH_THREADS", 2, 1, 64),
                r.integer("INVITEHUB_DISPATCH_BATCH_SIZE", 50, 1, 1000),
                r.integer("INVITEHUB_DISPATCH_MAX_ATTEMPTS", 5, 1, 100),
                r.duration("INVITEHUB_DISPATCH_BACKOFF_BASE", Duration.ofSeconds(2)),
                r.duration("INVITEHUB_DISPATCH_POLL_INTERVAL", Duration.ofSeconds(2)),
                r.duration("INVITEHUB_DISPATCH_LEASE", Duration.ofMinutes(2)));
    }
}

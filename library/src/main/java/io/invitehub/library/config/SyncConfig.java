package io.invitehub.library.config;

import java.time.Duration;

/**
 * docs/configuration.md, "Acceptance sync and waiting queue": how often and how many teams' member lists
 * are read, the lease and retry of one team's sync, and the waiting-queue promoter's safety-net poll.
 */
public record SyncConfig(Duration interval, int threads, Duration lease, Duration retryBase, Duration queuePollInterval) {

    static SyncConfig read(EnvironmentReader r) {
        return new SyncConfig(
                r.positiveDuration("INVITEHUB_SYNC_INTERVAL", Duration.ofMinutes(3)),
                r.integer("INVITEHUB_SYNC_THREADS", 2, 1, 64),
                r.positiveDuration("INVITEHUB_SYNC_LEASE", Duration.ofMinutes(2)),
                r.positiveDuration("INVITEHUB_SYNC_RETRY_BASE", Duration.ofSeconds(15)),
                r.positiveDuration("INVITEHUB_QUEUE_POLL_INTERVAL", Duration.ofSeconds(5)));
    }
}

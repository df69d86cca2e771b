package io.invitehub.library.config;

import java.time.Duration;

/**
 * docs/configuration.md, "Member lifecycle": the unaccepted timeout, the rebind window, the background
 * steps' interval and batch, and the retries of background removals (with their own backoff).
 */
public record LifecycleConfig(Duration inviteTimeout, int rebindWindowDays, Duration interval, int batchSize,
                              int removalMaxAttempts, Duration removalBackoffBase, Duration removalLease) {

    static LifecycleConfig read(EnvironmentReader r) {
        return new LifecycleConfig(
                r.positiveDuration("INVITEHUB_INVITE_TIMEOUT", Duration.ofDays(7)),
                r.integer("INVITEHUB_REBIND_WINDOW_DAYS", 15, 0, 3650),
                r.positiveDuration("INVITEHUB_LIFECYCLE_INTERVAL", Duration.ofMinutes(1)),
                r.integer("INVITEHUB_LIFECYCLE_BATCH_SIZE", 100, 1, 10_000),
                r.integer("INVITEHUB_REMOVAL_MAX_ATTEMPTS", 5, 1, 100),
                r.positiveDuration("INVITEHUB_REMOVAL_BACKOFF_BASE", Duration.ofSeconds(2)),
                r.positiveDuration("INVITEHUB_REMOVAL_LEASE", Duration.ofMinutes(2)));
    }
}

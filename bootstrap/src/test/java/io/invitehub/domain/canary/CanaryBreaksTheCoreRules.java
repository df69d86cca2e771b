package io.invitehub.domain.canary;

import io.invitehub.bootstrap.InviteHub;

import java.time.Instant;

/**
 * Test-only: a class in a domain package that breaks two core rules on purpose (it reaches the
 * bootstrap and reads the wall clock), so ArchitectureTest can show its real rules catch it.
 */
public final class CanaryBreaksTheCoreRules {
    private InviteHub outward;

    public Instant now() {
        return outward == null ? Instant.now() : Instant.EPOCH;
    }
}

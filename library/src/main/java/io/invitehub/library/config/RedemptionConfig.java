package io.invitehub.library.config;

import io.invitehub.domain.team.AllocationPolicy;

import java.time.Duration;

/**
 * docs/configuration.md, "Redemption": how seats are allocated, the redemption rate limits and code
 * lockout, and the shape of generated codes.
 */
public record RedemptionConfig(AllocationPolicy allocationPolicy, int perAddressPerMinute, int perEmailPerMinute,
                               int codeFailuresBeforeLock, Duration codeLockDuration, String codePrefix, int codeLength) {

    static RedemptionConfig read(EnvironmentReader r) {
        return new RedemptionConfig(
                r.policy("INVITEHUB_ALLOCATION_POLICY", AllocationPolicy.FILL_FIRST),
                r.integer("INVITEHUB_REDEEM_PER_ADDRESS_PER_MINUTE", 5, 1, 1_000_000),
                r.integer("INVITEHUB_REDEEM_PER_EMAIL_PER_MINUTE", 5, 1, 1_000_000),
                r.integer("INVITEHUB_CODE_FAILURES_BEFORE_LOCK", 10, 1, 1_000_000),
                r.duration("INVITEHUB_CODE_LOCK_DURATION", Duration.ofMinutes(15)),
                r.string("INVITEHUB_CODE_PREFIX", "HUB"),
                r.integer("INVITEHUB_CODE_LENGTH", 12, 8, 32));
    }
}

package io.invitehub.application.shared.service;

import io.invitehub.application.shared.port.out.RateLimiter.Limit;
import io.invitehub.application.shared.port.out.RateLimiter.Lockout;
import io.invitehub.domain.team.AllocationPolicy;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of redemption: seat allocation policy and the limits of SPEC section 10 (per client
 * address, per e-mail, and failed attempts per code, which lock the code for a while).
 */
public record RedemptionSettings(AllocationPolicy allocationPolicy, Limit perAddress, Limit perEmail, Lockout failuresPerCode) {
    public RedemptionSettings {
        Objects.requireNonNull(allocationPolicy, "allocationPolicy");
        Objects.requireNonNull(perAddress, "perAddress");
        Objects.requireNonNull(perEmail, "perEmail");
        Objects.requireNonNull(failuresPerCode, "failuresPerCode");
    }

    /** The status lookup has its own per-address budget, as large as the redemption one. */
    public Limit statusPerAddress() {
        return new Limit("status-address", perAddress.permits(), perAddress.window());
    }

    /** 10 failed attempts within 15 minutes lock a code for 15 minutes from the tenth. */
    public static Lockout codeLockout(int failures, Duration lockFor) {
        return new Lockout("redeem-code-lock", failures, lockFor, lockFor);
    }

    public static RedemptionSettings defaults() {
        return new RedemptionSettings(AllocationPolicy.FILL_FIRST,
                new Limit("redeem-address", 5, Duration.ofMinutes(1)),
                new Limit("redeem-email", 5, Duration.ofMinutes(1)),
                codeLockout(10, Duration.ofMinutes(15)));
    }
}

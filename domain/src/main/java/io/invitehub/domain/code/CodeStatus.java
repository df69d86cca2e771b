package io.invitehub.domain.code;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What a code is at a moment, for lists and statistics. Exactly one applies, by precedence
 * DISABLED &gt; EXPIRED &gt; DEPLETED &gt; ACTIVE, so the four counts of a distributor add up to its
 * codes (docs/statistics.md).
 */
public enum CodeStatus {
    ACTIVE,
    DEPLETED,
    DISABLED,
    EXPIRED;

    /**
     * The status of a code with these fields at {@code now}: disabled when not active; else expired
     * when {@code now} is after {@code expiresAt} (the last moment it can be redeemed); else depleted
     * when {@code usedCount >= maxUses > 0}; else active.
     */
    public static CodeStatus of(boolean active, int maxUses, int usedCount, Instant expiresAt, Instant now) {
        Objects.requireNonNull(now, "now");
        if (!active) {
            return DISABLED;
        }
        if (expiresAt != null && now.isAfter(expiresAt)) {
            return EXPIRED;
        }
        if (maxUses > 0 && usedCount >= maxUses) {
            return DEPLETED;
        }
        return ACTIVE;
    }

    public static CodeStatus of(RedeemCode code, Instant now) {
        return of(code.active(), code.maxUses(), code.usedCount(), code.expiresAt().orElse(null), now);
    }

    /** The lower-case name clients see ({@code active}, {@code depleted}, {@code disabled}, {@code expired}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

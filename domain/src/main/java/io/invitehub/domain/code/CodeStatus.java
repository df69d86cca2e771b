package io.invitehub.domain.code;

import java.time.Instant;
import java.util.List;
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

    private static final List<CodeStatus> PRECEDENCE = List.of(DISABLED, EXPIRED, DEPLETED, ACTIVE);

    /**
     * The order in which the statuses are tested, the first that {@link #holds} wins: DISABLED, EXPIRED,
     * DEPLETED, ACTIVE. Written only here; the SQL of the code lists is built from it.
     */
    public static List<CodeStatus> precedence() {
        return PRECEDENCE;
    }

    /**
     * The status of a code with these fields at {@code now}: the first of {@link #precedence()} that holds
     * (disabled when not active; else expired when {@code now} is after {@code expiresAt}, the last moment
     * it can be redeemed; else depleted when {@code usedCount >= maxUses > 0}; else active).
     */
    public static CodeStatus of(boolean active, int maxUses, int usedCount, Instant expiresAt, Instant now) {
        Objects.requireNonNull(now, "now");
        for (CodeStatus status : PRECEDENCE) {
            if (status.holds(active, maxUses, usedCount, expiresAt, now)) {
                return status;
            }
        }
        throw new IllegalStateException("ACTIVE always holds");
    }

    /** This status's own test, without the precedence: a disabled code that ran out is DEPLETED here too. */
    public boolean holds(boolean active, int maxUses, int usedCount, Instant expiresAt, Instant now) {
        switch (this) {
            case DISABLED:
                return !active;
            case EXPIRED:
                return expiresAt != null && now.isAfter(expiresAt);
            case DEPLETED:
                return maxUses > 0 && usedCount >= maxUses;
            default:
                return true;
        }
    }

    public static CodeStatus of(RedeemCode code, Instant now) {
        return of(code.active(), code.maxUses(), code.usedCount(), code.expiresAt().orElse(null), now);
    }

    /** The lower-case name clients see ({@code active}, {@code depleted}, {@code disabled}, {@code expired}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

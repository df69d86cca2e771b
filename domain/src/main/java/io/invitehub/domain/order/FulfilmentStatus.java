package io.invitehub.domain.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * Delivery of a paid order's codes: PENDING → PROCESSING → COMPLETED | FAILED. PROCESSING goes back to
 * PENDING for a retry after a failed attempt, and an admin may send FAILED back to PENDING.
 */
public enum FulfilmentStatus {
    PENDING, PROCESSING, COMPLETED, FAILED;

    public Set<FulfilmentStatus> next() {
        switch (this) {
            case PENDING: return EnumSet.of(PROCESSING);
            case PROCESSING: return EnumSet.of(PENDING, COMPLETED, FAILED);
            case FAILED: return EnumSet.of(PENDING);
            default: return EnumSet.noneOf(FulfilmentStatus.class);
        }
    }

    public boolean canMoveTo(FulfilmentStatus to) {
        return next().contains(to);
    }
}

package io.invitehub.domain.user;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

/**
 * A distributor's approval state; only APPROVED distributors may act. The lifecycle:
 * {@code PENDING → APPROVED | REJECTED}, {@code APPROVED ↔ SUSPENDED}. Each transition method
 * returns the next state or refuses an illegal move with a CONFLICT {@link DomainException}.
 */
public enum Approval {
    PENDING,
    APPROVED,
    REJECTED,
    SUSPENDED;

    public Approval approve() {
        return move(PENDING, APPROVED, "approve");
    }

    public Approval reject() {
        return move(PENDING, REJECTED, "reject");
    }

    public Approval suspend() {
        return move(APPROVED, SUSPENDED, "suspend");
    }

    /** Lifts a suspension. */
    public Approval reactivate() {
        return move(SUSPENDED, APPROVED, "reactivate");
    }

    /** Entering this state ends every session of the account (its token version is incremented). */
    public boolean revokesTokens() {
        return this == REJECTED || this == SUSPENDED;
    }

    private Approval move(Approval from, Approval to, String action) {
        if (this != from) {
            throw new DomainException(ErrorCode.CONFLICT,
                    "cannot " + action + " a distributor that is " + name() + " (only one that is " + from.name() + ")");
        }
        return to;
    }
}

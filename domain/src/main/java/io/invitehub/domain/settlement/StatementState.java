package io.invitehub.domain.settlement;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

/** A monthly statement's life: OPEN (its numbers follow the ledger) → CONFIRMED (frozen for good) → PAID (settled, with a reference). */
public enum StatementState {
    OPEN, CONFIRMED, PAID;

    public StatementState confirm() {
        if (this != OPEN) {
            throw new DomainException(ErrorCode.CONFLICT, "only an OPEN statement can be confirmed; this one is " + this);
        }
        return CONFIRMED;
    }

    public StatementState pay() {
        if (this != CONFIRMED) {
            throw new DomainException(ErrorCode.CONFLICT, "only a CONFIRMED statement can be paid; this one is " + this);
        }
        return PAID;
    }
}

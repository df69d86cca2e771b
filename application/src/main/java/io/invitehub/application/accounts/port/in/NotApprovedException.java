package io.invitehub.application.accounts.port.in;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Approval;

import java.util.Objects;
import java.util.Optional;

/**
 * The sign-in's refusal of a distributor that is not APPROVED, after the right password: FORBIDDEN naming the
 * state, and for a REJECTED one the reason the admin gave, if any (the applicant's own, shown to it; the
 * reference's login pages read it as {@code reason}, ADR 34).
 */
public final class NotApprovedException extends DomainException {
    private static final long serialVersionUID = 1L;
    private final Approval approval;
    private final String rejectionReason;

    public NotApprovedException(Approval approval, Optional<String> rejectionReason, String message) {
        super(ErrorCode.FORBIDDEN, message);
        this.approval = Objects.requireNonNull(approval, "approval");
        this.rejectionReason = Objects.requireNonNull(rejectionReason, "rejectionReason").orElse(null);
    }

    public Approval approval() {
        return approval;
    }

    /** The admin's reason for a rejection; empty for another state or when none was given. */
    public Optional<String> rejectionReason() {
        return Optional.ofNullable(rejectionReason);
    }
}

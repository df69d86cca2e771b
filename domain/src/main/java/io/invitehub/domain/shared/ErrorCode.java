package io.invitehub.domain.shared;

/** Stable codes of expected business refusals; clients rely on these strings. */
public enum ErrorCode {
    VALIDATION_FAILED,
    INVALID_CODE,
    INVALID_EMAIL,
    CODE_EXPIRED,
    CODE_DISABLED,
    CODE_USED_UP,
    EMAIL_MISMATCH,
    MEMBER_EXPIRED,
    ALREADY_MEMBER,
    RATE_LIMITED,
    NOT_FOUND,
    CONFLICT,
    UNAUTHORIZED,
    FORBIDDEN,
    /** No payment gateway is configured: orders cannot be paid. */
    PAYMENT_UNAVAILABLE
}

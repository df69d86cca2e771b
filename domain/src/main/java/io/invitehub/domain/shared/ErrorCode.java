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
    /** The e-mail or its domain is on the admin blocklist (SPEC section 9). */
    RECIPIENT_BLOCKED,
    /** The owner of the e-mail asked not to receive further invitations. */
    RECIPIENT_OPTED_OUT,
    /** The e-mail received the platform's maximum of invitations in the last 24 hours. */
    INVITATION_LIMIT_REACHED,
    /** The distributor removed this member recently and must wait before inviting the e-mail again. */
    REINVITE_COOLDOWN
}

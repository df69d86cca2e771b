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
    REINVITE_COOLDOWN,
    /** Another request is removing this member right now. */
    REMOVAL_IN_PROGRESS,
    /** The team provider failed; nothing changed (HTTP 502). */
    PROVIDER_FAILED,
    /** The team provider refused the credentials given for a team (invalid token, banned or unknown workspace); nothing changed. */
    CREDENTIALS_REJECTED,
    /** Nothing to re-invite: the member was not removed by this distributor (or is a member again). */
    NOTHING_TO_REINVITE,
    /** No seat is free in another team of the code's group. */
    NO_FREE_SEAT,
    /** The code and e-mail do not name a joined member who may move. */
    REBIND_NOT_ALLOWED,
    /** The rebind window after activation is over. */
    REBIND_WINDOW_OVER,
    /** The code has used all its rebinds. */
    REBIND_LIMIT_REACHED,
    /** No payment gateway is configured: orders cannot be paid. */
    PAYMENT_UNAVAILABLE,
    /** A download link that this service did not sign, or that was altered. */
    EXPORT_LINK_INVALID,
    /** A download link past its time. */
    EXPORT_LINK_EXPIRED,
    /**
     * The distributor has settlement history (ledger entries, statements) or customer notes and tags: deleting it
     * would erase what is owed and who was told what; nothing changed. Suspend it instead.
     */
    DISTRIBUTOR_HAS_RECORDS,
    /** Another distributor's brand has this slug (compared case-insensitively). */
    SLUG_TAKEN,
    /** The slug is a word the platform keeps for itself ({@code console}, {@code invite}, {@code api}, …). */
    SLUG_RESERVED,
    /** Another distributor's brand has asked for this custom host. */
    CUSTOM_HOST_TAKEN,
    /** A password-reset token that is unknown, used already or expired. */
    RESET_TOKEN_INVALID,
    /** The account signed in with a temporary password an admin set: only the password change is open until it is replaced. */
    PASSWORD_CHANGE_REQUIRED,
    /** The order is not PENDING (paid, expired, cancelled or refunded): it cannot be cancelled. */
    ORDER_NOT_CANCELLABLE,
    /** The gateway reports the order paid: it is marked PAID instead of cancelled. */
    ORDER_ALREADY_PAID,
    /** The order is not PAID: nothing to refund. */
    ORDER_NOT_REFUNDABLE,
    /** The payment alert was marked handled already (by whom, when and how: in the detail); nothing changed. */
    PAYMENT_ALERT_ALREADY_HANDLED,
    /** A statement's month is not over yet: it cannot be confirmed; nothing changed. */
    STATEMENT_MONTH_NOT_OVER,
    /** An earlier statement of the same distributor is still OPEN (the problem's {@code period} names it); nothing changed. */
    EARLIER_STATEMENT_NOT_CONFIRMED,
    /** The statement is CONFIRMED or PAID already: a confirmation is final; nothing changed. */
    STATEMENT_ALREADY_CONFIRMED,
    /** A payment recorded for a statement still OPEN: it must be confirmed (frozen) first; nothing changed. */
    STATEMENT_NOT_CONFIRMED,
    /** A payment recorded for a statement that is PAID already (its reference in the detail); nothing changed. */
    STATEMENT_ALREADY_PAID,
    /** An Idempotency-Key was sent again with another request (another body, route or caller). */
    IDEMPOTENCY_KEY_REUSED,
    /** A request with this Idempotency-Key is still being processed. */
    IDEMPOTENCY_KEY_IN_USE
}

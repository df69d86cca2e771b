package io.invitehub.application.shared.port.out;

/** The typed failures of a team provider. */
public enum ProviderError {
    /** Too many requests; retry after the given duration. */
    RATE_LIMITED,
    /** The workspace credentials are no longer valid. */
    TOKEN_INVALID,
    /** The workspace (or account) is banned, suspended or deactivated. */
    BANNED,
    /** The member, invite or workspace does not exist at the provider. */
    NOT_FOUND,
    /** A passing fault (timeout, 5xx, connection): retrying may succeed. */
    TRANSIENT,
    /** The provider refused this request for good (invalid e-mail, workspace full, policy). */
    REJECTED;

    /** Whether the same request may succeed later. */
    public boolean isRetryable() {
        return this == RATE_LIMITED || this == TRANSIENT;
    }

    /** Whether the failure is about the whole workspace rather than one request. */
    public boolean disablesTeam() {
        return this == TOKEN_INVALID || this == BANNED;
    }
}

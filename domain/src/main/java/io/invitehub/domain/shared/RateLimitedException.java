package io.invitehub.domain.shared;

import java.time.Duration;
import java.util.Objects;

/** A refusal because a limit was reached; carries when to retry (sent as {@code Retry-After}). */
public final class RateLimitedException extends DomainException {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        this(ErrorCode.RATE_LIMITED, message, retryAfter);
    }

    /** A limit with its own stable code (for example INVITATION_LIMIT_REACHED), still answered with a retry time. */
    public RateLimitedException(ErrorCode code, String message, Duration retryAfter) {
        super(code, message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}

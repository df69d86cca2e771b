package io.invitehub.domain.shared;

import java.time.Duration;
import java.util.Objects;

/** A refusal because a rate limit was reached; carries when to retry. */
public final class RateLimitedException extends DomainException {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}

package io.invitehub.application.shared.port.out;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A typed failure of a whole provider call. */
public final class TeamProviderException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ProviderError error;
    private final transient Duration retryAfter;
    private final String detail;

    public TeamProviderException(ProviderError error, String message) {
        this(error, message, null, null);
    }

    public TeamProviderException(ProviderError error, String message, Duration retryAfter, Throwable cause) {
        super(error + ": " + message, cause);
        this.error = Objects.requireNonNull(error, "error");
        this.retryAfter = retryAfter;
        this.detail = message;
    }

    /** The provider's message without the error name in front. */
    public String detail() {
        return detail;
    }

    public ProviderError error() {
        return error;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

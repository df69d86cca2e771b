package io.invitehub.application.port.out;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A typed failure of a whole provider call. */
public final class TeamProviderException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ProviderError error;
    private final transient Duration retryAfter;

    public TeamProviderException(ProviderError error, String message) {
        this(error, message, null, null);
    }

    public TeamProviderException(ProviderError error, String message, Duration retryAfter, Throwable cause) {
        super(error + ": " + message, cause);
        this.error = Objects.requireNonNull(error, "error");
        this.retryAfter = retryAfter;
    }

    public ProviderError error() {
        return error;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

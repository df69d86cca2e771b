package io.invitehub.domain.shared;

import java.util.Objects;

/**
 * An expected business refusal with a stable {@link #code()}. Guards against programming
 * errors use the standard exceptions instead.
 */
public class DomainException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public DomainException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    /** A shorthand for the refusal of malformed input, refused before anything is looked up. */
    public static DomainException invalid(ErrorCode code, String message) {
        return new MalformedInputException(code, message);
    }

    public static DomainException notFound(String message) {
        return new DomainException(ErrorCode.NOT_FOUND, message);
    }
}

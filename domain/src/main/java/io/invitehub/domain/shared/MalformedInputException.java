package io.invitehub.domain.shared;

import java.util.Objects;
import java.util.Optional;

/**
 * Input that is refused by its shape alone, before touching any storage; {@link #field()} names the input at
 * fault when it is one field (the HTTP problem carries it as {@code field}).
 */
public final class MalformedInputException extends DomainException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public MalformedInputException(ErrorCode code, String message) {
        super(code, message);
        this.field = null;
    }

    public MalformedInputException(ErrorCode code, String field, String message) {
        super(code, message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** A refusal of one field, as the client names it ({@code slug}, {@code logo_url}). */
    public static MalformedInputException field(ErrorCode code, String field, String message) {
        return new MalformedInputException(code, field, message);
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}

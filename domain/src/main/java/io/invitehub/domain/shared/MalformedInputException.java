package io.invitehub.domain.shared;

/** Input that is refused by its shape alone, before touching any storage. */
public final class MalformedInputException extends DomainException {
    private static final long serialVersionUID = 1L;

    public MalformedInputException(ErrorCode code, String message) {
        super(code, message);
    }
}

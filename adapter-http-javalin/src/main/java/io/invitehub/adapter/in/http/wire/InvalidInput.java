package io.invitehub.adapter.in.http.wire;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.util.Objects;

/**
 * A request input refused at the edge by its shape alone: a {@code VALIDATION_FAILED} refusal that names
 * the {@link #field()} (a body field, a query or path parameter). The problem details carry it as
 * {@code field}, and the message names it too.
 */
public final class InvalidInput extends DomainException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidInput(String field, String message) {
        super(ErrorCode.VALIDATION_FAILED, message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The name of the refused input as the client wrote it ({@code email}, {@code q}, {@code id}). */
    public String field() {
        return field;
    }
}

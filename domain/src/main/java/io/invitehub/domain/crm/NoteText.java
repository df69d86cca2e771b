package io.invitehub.domain.crm;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

/**
 * The text of a distributor's note on a customer: plain text over lines, at most {@value #MAX_LENGTH}
 * characters once trimmed; empty clears the note (the history keeps what it said).
 */
public record NoteText(String value) {
    public static final int MAX_LENGTH = 2000;

    public NoteText {
        if (value == null) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "body is required (empty clears the note)");
        }
        value = value.strip();
        if (value.length() > MAX_LENGTH) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "a note has at most " + MAX_LENGTH + " characters");
        }
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }
}

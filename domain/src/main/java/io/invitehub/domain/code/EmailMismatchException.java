package io.invitehub.domain.code;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;

/** The code is bound to another e-mail; only the masked form of that e-mail is exposed. */
public final class EmailMismatchException extends DomainException {
    private static final long serialVersionUID = 1L;
    private final String maskedBoundEmail;

    public EmailMismatchException(Email boundEmail) {
        super(ErrorCode.EMAIL_MISMATCH, "This code is bound to another e-mail address (" + boundEmail.masked() + ").");
        this.maskedBoundEmail = boundEmail.masked();
    }

    public String maskedBoundEmail() {
        return maskedBoundEmail;
    }
}

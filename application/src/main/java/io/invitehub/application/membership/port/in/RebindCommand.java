package io.invitehub.application.membership.port.in;

import io.invitehub.domain.code.Code;
import io.invitehub.domain.shared.Email;

import java.util.Objects;

/** A customer moves to another team: {@code code} and the e-mail it is bound to; {@code clientAddress} keys the rate limit. */
public record RebindCommand(Code code, Email email, String clientAddress) {
    public RebindCommand {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(email, "email");
        clientAddress = clientAddress == null || clientAddress.isBlank() ? "unknown" : clientAddress;
    }
}

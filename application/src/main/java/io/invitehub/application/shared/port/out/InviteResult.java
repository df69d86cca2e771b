package io.invitehub.application.shared.port.out;

import io.invitehub.domain.shared.Email;

import java.util.Objects;
import java.util.Optional;

/** The provider's answer for one e-mail of an invite call: sent, or refused with a typed error. */
public record InviteResult(Email email, Optional<ProviderError> error, String message) {
    public InviteResult {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(error, "error");
        message = message == null ? "" : message;
    }

    public static InviteResult sent(Email email) {
        return new InviteResult(email, Optional.empty(), "");
    }

    public static InviteResult failed(Email email, ProviderError error, String message) {
        return new InviteResult(email, Optional.of(error), message);
    }

    public boolean isSent() {
        return error.isEmpty();
    }
}

package io.invitehub.application.redemption.port.in;

import io.invitehub.domain.code.Code;
import io.invitehub.domain.shared.Email;

import java.util.Objects;

/** A customer redeems {@code code} for {@code email}; {@code clientAddress} keys the per-address rate limit. */
public record RedeemCommand(Code code, Email email, String clientAddress) {
    public RedeemCommand {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(email, "email");
        clientAddress = clientAddress == null || clientAddress.isBlank() ? "unknown" : clientAddress;
    }
}

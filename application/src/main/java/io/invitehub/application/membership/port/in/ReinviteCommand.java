package io.invitehub.application.membership.port.in;

import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.UserId;

import java.util.Objects;

/** A distributor re-invites {@code email}, whom it removed from {@code team}, with the same code. */
public record ReinviteCommand(UserId caller, Email email, TeamId team, String clientAddress) {
    public ReinviteCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(team, "team");
        clientAddress = clientAddress == null || clientAddress.isBlank() ? "unknown" : clientAddress;
    }
}

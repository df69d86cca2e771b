package io.invitehub.application.membership.port.in;

import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.UserId;

import java.util.Objects;
import java.util.Optional;

/** A distributor removes its customer {@code email} from {@code team}; {@code reason} is kept as the end reason. */
public record RemoveMemberCommand(UserId caller, Email email, TeamId team, Optional<String> reason) {
    public static final int MAX_REASON_LENGTH = 200;

    public RemoveMemberCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(team, "team");
        reason = Objects.requireNonNull(reason, "reason").map(String::strip).filter(r -> !r.isEmpty());
    }
}

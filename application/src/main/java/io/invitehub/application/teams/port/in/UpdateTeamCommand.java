package io.invitehub.application.teams.port.in;

import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.Actor;

import java.util.Objects;

/** Staff change a team's name, max_seats, status or group. */
public record UpdateTeamCommand(Actor actor, TeamId team, TeamChanges changes) {
    public UpdateTeamCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(changes, "changes");
    }
}

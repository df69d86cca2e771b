package io.invitehub.application.teams.port.in;

import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.Actor;

/** New credentials for a team, on behalf of {@code actor} (staff). {@link #toString()} never prints them. */
public record ReplaceTeamCredentialsCommand(Actor actor, TeamId team, String credentials) {
    @Override
    public String toString() {
        return "ReplaceTeamCredentialsCommand[" + actor + ", team " + team.value() + ", credentials=***]";
    }
}

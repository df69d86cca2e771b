package io.invitehub.application.teams.port.in;

import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.Actor;

import java.util.Optional;

/** Create a team on behalf of {@code actor} (staff). */
public record CreateTeamCommand(Actor actor, String name, String providerAccountId, String credentials, int maxSeats,
                                Optional<TeamGroupId> group) {
    @Override
    public String toString() {
        return "CreateTeamCommand[" + actor + ", " + name + ", " + providerAccountId + ", maxSeats=" + maxSeats + ", credentials=***]";
    }
}

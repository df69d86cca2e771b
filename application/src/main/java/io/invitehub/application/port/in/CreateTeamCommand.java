package io.invitehub.application.port.in;

import io.invitehub.domain.team.TeamGroupId;

import java.util.Optional;

public record CreateTeamCommand(String name, String providerAccountId, String credentials, int maxSeats,
                                Optional<TeamGroupId> group) {
    @Override
    public String toString() {
        return "CreateTeamCommand[" + name + ", " + providerAccountId + ", maxSeats=" + maxSeats + ", credentials=***]";
    }
}

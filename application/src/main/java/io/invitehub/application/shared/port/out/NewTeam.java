package io.invitehub.application.shared.port.out;

import io.invitehub.domain.team.TeamGroupId;

import java.util.Optional;

/** A team to be created; {@code credentials} is a secret and is never printed. */
public record NewTeam(String name, String providerAccountId, String credentials, int maxSeats, Optional<TeamGroupId> group) {
    @Override
    public String toString() {
        return "NewTeam[" + name + ", " + providerAccountId + ", maxSeats=" + maxSeats + ", credentials=***]";
    }
}

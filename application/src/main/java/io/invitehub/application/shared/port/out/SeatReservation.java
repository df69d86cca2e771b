package io.invitehub.application.shared.port.out;

import io.invitehub.domain.team.TeamId;

/** A seat taken in a team by an atomic counter update. */
public record SeatReservation(TeamId teamId, String teamName) {
}

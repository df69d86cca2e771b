package io.invitehub.application.port.in;

import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.Actor;

import java.util.List;

public interface ManageTeamsUseCase {
    Team createTeam(CreateTeamCommand command);

    TeamGroupId createGroup(Actor actor, String name);

    List<Team> listTeams();

    /**
     * Changes a team (staff). A max_seats below the seats in use is refused with CONFLICT; a change
     * that may free seats (more seats, back to ACTIVE, another group) wakes the waiting-queue promoter.
     */
    Team updateTeam(UpdateTeamCommand command);

    /** The team's external members as its last successful acceptance sync saw them, and its sync state (staff). */
    TeamExternalMembers externalMembers(Actor actor, TeamId team);
}

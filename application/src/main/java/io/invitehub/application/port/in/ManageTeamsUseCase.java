package io.invitehub.application.port.in;

import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.Actor;

import java.util.List;

public interface ManageTeamsUseCase {
    Team createTeam(CreateTeamCommand command);

    TeamGroupId createGroup(Actor actor, String name);

    List<Team> listTeams();
}

package io.invitehub.application.port.in;

import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;

import java.util.List;

public interface ManageTeamsUseCase {
    Team createTeam(CreateTeamCommand command);

    TeamGroupId createGroup(String name);

    List<Team> listTeams();
}

package io.invitehub.application.teams.port.in;

import io.invitehub.application.teams.view.TeamGroupView;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.Actor;

import java.util.List;

/** The rest of the team pool the staff console needs (issue 14): the groups, and deleting a team. Staff only. */
public interface TeamPoolUseCase {

    /** Every team group by name, with its team count and waiting queue length. */
    List<TeamGroupView> groups(Actor actor);

    /**
     * Deletes a team that holds no live invitation (RESERVED, INVITED, JOINED, REMOVING), atomically under the
     * team's row lock (an allocation cannot slip in): its ended invitations keep their history without the team,
     * its external members go with it. NOT_FOUND for an unknown team; CONFLICT naming the live invitations otherwise.
     */
    void deleteTeam(Actor actor, TeamId team);
}

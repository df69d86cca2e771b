package io.invitehub.application.teams.port.in;

import io.invitehub.application.teams.view.TeamExternalMembers;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.Actor;

import java.util.List;

public interface ManageTeamsUseCase {
    /**
     * Creates a team (staff) and verifies its credentials with the provider after the commit (ADR 21).
     * The team is stored TOKEN_INVALID and becomes ACTIVE only once the provider accepted the
     * credentials; when it refuses (or cannot be asked) the team stays TOKEN_INVALID (BANNED when the
     * provider says so) and is returned that way: staff fix it with {@link #replaceCredentials}.
     */
    Team createTeam(CreateTeamCommand command);

    /**
     * New credentials for a team (staff): verified with the provider first, outside any transaction; on
     * success sealed and stored, and a TOKEN_INVALID team becomes ACTIVE (the queue promoter is woken).
     * A refusal is CREDENTIALS_REJECTED, a provider that cannot answer PROVIDER_FAILED; either changes nothing.
     */
    Team replaceCredentials(ReplaceTeamCredentialsCommand command);

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

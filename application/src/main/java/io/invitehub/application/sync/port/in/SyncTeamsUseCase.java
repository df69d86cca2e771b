package io.invitehub.application.sync.port.in;

import io.invitehub.domain.team.TeamId;

import java.util.List;

/**
 * The acceptance sync (SPEC section 6): reads a team's members at the provider, moves INVITED
 * invitations whose e-mail is now a member to JOINED (activating their code on its first join), and
 * stores the members no live invitation explains as the team's external seats.
 */
public interface SyncTeamsUseCase {
    /** Teams whose sync is due now (ACTIVE and PAUSED ones), longest due first. */
    List<TeamId> dueTeams(int limit);

    /** Syncs the team now, unless another runner holds its lease. */
    SyncOutcome syncTeam(TeamId team);

    /** Syncs the team when it is still due once its lease is held (another node may just have done it). */
    SyncOutcome syncIfDue(TeamId team);
}

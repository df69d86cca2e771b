package io.invitehub.application.teams.port.out;

import io.invitehub.application.teams.view.TeamGroupView;
import io.invitehub.domain.team.TeamId;

import java.util.List;
import java.util.OptionalLong;

/** Team groups as staff list them, and the deletion of an empty team. Called inside a transaction for writes. */
public interface TeamPool {

    List<TeamGroupView> groups();

    /**
     * Locks the team's row and counts its live invitations; empty when there is no such team. The lock is held
     * until the transaction ends, so no seat is reserved in it meanwhile.
     */
    OptionalLong lockAndCountLive(TeamId team);

    /** Deletes the locked team: its ended invitations lose the team, its external members are deleted; returns its name. */
    String delete(TeamId team);
}

package io.invitehub.application.teams.view;

import io.invitehub.application.shared.view.ExternalMember;
import io.invitehub.domain.team.Team;

import java.util.List;

/** A team with its sync state and the external members its last successful sync stored. */
public record TeamExternalMembers(Team team, List<ExternalMember> members) {
    public TeamExternalMembers {
        members = List.copyOf(members);
    }
}

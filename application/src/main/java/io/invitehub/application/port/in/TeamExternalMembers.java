package io.invitehub.application.port.in;

import io.invitehub.application.port.out.ExternalMember;
import io.invitehub.domain.team.Team;

import java.util.List;

/** A team with its sync state and the external members its last successful sync stored. */
public record TeamExternalMembers(Team team, List<ExternalMember> members) {
    public TeamExternalMembers {
        members = List.copyOf(members);
    }
}

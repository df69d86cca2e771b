package io.invitehub.application.teams.view;

import io.invitehub.domain.team.TeamGroupId;

import java.time.Instant;
import java.util.Objects;

/** A team group as staff list it: its name, how many teams it holds, how many invitations wait in its queue. */
public record TeamGroupView(TeamGroupId id, String name, int teams, long waiting, Instant createdAt) {
    public TeamGroupView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

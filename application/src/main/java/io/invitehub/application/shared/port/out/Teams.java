package io.invitehub.application.shared.port.out;

import io.invitehub.application.shared.view.ExternalMember;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamAccount;
import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;

import java.util.List;
import java.util.Optional;

/** Storage of teams: the team records, their status and credentials, and the external members the last sync saw. Seat counters are {@link Seats}. */
public interface Teams {

    Team create(NewTeam team);

    TeamGroupId createGroup(String name);

    boolean groupExists(TeamGroupId group);

    Optional<Team> findById(TeamId id);

    List<Team> listAll();

    void setStatus(TeamId team, TeamStatus status);

    /**
     * Stores credentials that the provider has just accepted (sealed, ADR 16) and, in the same
     * statement, makes a TOKEN_INVALID team ACTIVE; any other status stays. Empty when no such team exists.
     */
    Optional<Team> storeVerifiedCredentials(TeamId team, String credentials);

    /** The team's provider account with its decrypted credentials, for the provider adapter only. */
    Optional<TeamAccount> account(TeamId team);

    /**
     * Applies staff changes in one conditional update. A new {@code max_seats} below the seats in use
     * ({@code seats_reserved + external_seats}) is refused with CONFLICT, atomically (a concurrent
     * reservation cannot slip in between check and write). Empty when no such team exists.
     */
    Optional<Team> update(TeamId team, TeamChanges changes);

    /** The team's external members as the last successful sync saw them, by e-mail. */
    List<ExternalMember> externalMembers(TeamId team);
}

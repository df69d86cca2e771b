package io.invitehub.application.port.out;

import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamAccount;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;

import java.util.List;
import java.util.Optional;

/** Storage of teams and their seat counters. */
public interface Teams {

    Team create(NewTeam team);

    TeamGroupId createGroup(String name);

    boolean groupExists(TeamGroupId group);

    Optional<Team> findById(TeamId id);

    List<Team> listAll();

    /**
     * Takes one seat in one ACTIVE team of {@code group} (any team when empty) that has room,
     * chosen by {@code policy}. Locks only the chosen team's row ({@code FOR UPDATE SKIP LOCKED})
     * and increments its counter atomically; never locks every team. Empty when no team has room.
     */
    Optional<SeatReservation> reserveSeat(Optional<TeamGroupId> group, AllocationPolicy policy);

    /** Like {@link #reserveSeat} but never in {@code except} (a rebind moves a member to another team). */
    Optional<SeatReservation> reserveSeatElsewhere(Optional<TeamGroupId> group, AllocationPolicy policy, TeamId except);

    /** Gives one seat back ({@code GREATEST(seats_reserved - 1, 0)}). */
    void releaseSeat(TeamId team);

    void setStatus(TeamId team, TeamStatus status);

    /** The team's provider account with its decrypted credentials, for the provider adapter only. */
    Optional<TeamAccount> account(TeamId team);

    SeatSummary seatSummary();
}

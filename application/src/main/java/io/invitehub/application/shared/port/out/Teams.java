package io.invitehub.application.shared.port.out;

import io.invitehub.application.shared.view.ExternalMember;
import io.invitehub.application.shared.view.SeatSummary;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamAccount;
import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;

import java.time.Instant;
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

    /**
     * Like {@link #reserveSeat}, but reserves nothing and answers empty while any invitation is WAITING
     * in the queue of {@code group} (the queue of ungrouped codes when empty): a new redemption queues
     * behind older waiters (ADR 14). The queue check and the seat are one statement on the hot path.
     */
    Optional<SeatReservation> reserveSeatUnlessQueued(Optional<TeamGroupId> group, AllocationPolicy policy);

    /** Like {@link #reserveSeat} but never in {@code except} (a rebind moves a member to another team). */
    Optional<SeatReservation> reserveSeatElsewhere(Optional<TeamGroupId> group, AllocationPolicy policy, TeamId except);

    /** Gives one seat back ({@code GREATEST(seats_reserved - 1, 0)}). */
    void releaseSeat(TeamId team);

    void setStatus(TeamId team, TeamStatus status);

    /**
     * Stores credentials that the provider has just accepted (sealed, ADR 16) and, in the same
     * statement, makes a TOKEN_INVALID team ACTIVE; any other status stays. Empty when no such team exists.
     */
    Optional<Team> storeVerifiedCredentials(TeamId team, String credentials);

    /** The team's provider account with its decrypted credentials, for the provider adapter only. */
    Optional<TeamAccount> account(TeamId team);

    SeatSummary seatSummary();

    /**
     * Applies staff changes in one conditional update. A new {@code max_seats} below the seats in use
     * ({@code seats_reserved + external_seats}) is refused with CONFLICT, atomically (a concurrent
     * reservation cannot slip in between check and write). Empty when no such team exists.
     */
    Optional<Team> update(TeamId team, TeamChanges changes);

    /** ACTIVE and PAUSED teams whose acceptance sync is due at {@code now}, longest due first. */
    List<TeamId> dueForSync(Instant now, int limit);

    /**
     * Records a successful acceptance sync: the team's external members become exactly
     * {@code external} (rows of members still there are kept as they are, with their first-seen time),
     * {@code external_seats} their count, the last error and failure count are cleared and the next
     * sync is due at {@code nextSyncAt}. Returns the external seats before and after.
     */
    ExternalSeats recordSync(TeamId team, List<ProviderMember> external, Instant now, Instant nextSyncAt);

    /** Records a failed acceptance sync: the error, one more consecutive failure, and when to try again. */
    void recordSyncFailure(TeamId team, String error, Instant nextSyncAt);

    /** The team's external members as the last successful sync saw them, by e-mail. */
    List<ExternalMember> externalMembers(TeamId team);

    /** External seats of a team before and after a sync. */
    record ExternalSeats(int before, int after) {
        public boolean shrank() {
            return after < before;
        }
    }
}

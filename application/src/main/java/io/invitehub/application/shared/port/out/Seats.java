package io.invitehub.application.shared.port.out;

import io.invitehub.application.shared.view.SeatSummary;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;

import java.util.Optional;

/**
 * The seat counters of teams ({@code seats_reserved}): taken for a new or promoted invitation, given back when
 * one ends. Every change is one atomic statement that never locks every team.
 */
public interface Seats {

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

    SeatSummary seatSummary();
}

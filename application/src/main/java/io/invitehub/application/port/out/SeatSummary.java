package io.invitehub.application.port.out;

/** Seats over all ACTIVE teams, and how many invitations wait for a seat. */
public record SeatSummary(int activeTeams, long totalSeats, long usedSeats, long freeSeats, long waiting) {
}

package io.invitehub.application.shared.view;

/** Seats over all ACTIVE teams, and how many invitations wait for a seat. */
public record SeatSummary(int activeTeams, long totalSeats, long usedSeats, long freeSeats, long waiting) {
}

package io.invitehub.application.fakes;

import io.invitehub.application.fakes.MemoryTables.TeamRow;
import io.invitehub.application.shared.port.out.SeatReservation;
import io.invitehub.application.shared.port.out.Seats;
import io.invitehub.application.shared.view.SeatSummary;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

final class FakeSeats extends FakeTable implements Seats {
    FakeSeats(MemoryTables db) {
        super(db);
    }

    @Override
    public Optional<SeatReservation> reserveSeat(Optional<TeamGroupId> group, AllocationPolicy policy) {
        return reserve(group, policy, Optional.empty());
    }

    @Override
    public Optional<SeatReservation> reserveSeatUnlessQueued(Optional<TeamGroupId> group, AllocationPolicy policy) {
        return atomically(() -> state.invitations.values().stream().anyMatch(r -> r.waitsIn(group))
                ? Optional.<SeatReservation>empty()
                : reserve(group, policy, Optional.empty()));
    }

    @Override
    public Optional<SeatReservation> reserveSeatElsewhere(Optional<TeamGroupId> group, AllocationPolicy policy, TeamId except) {
        return reserve(group, policy, Optional.of(except));
    }

    private Optional<SeatReservation> reserve(Optional<TeamGroupId> group, AllocationPolicy policy, Optional<TeamId> except) {
        return atomically(() -> {
            Comparator<Team> order = policy == AllocationPolicy.FILL_FIRST
                    ? Comparator.comparingLong(t -> t.id().value())
                    : Comparator.comparingInt(Team::freeSeats).reversed().thenComparingLong(t -> t.id().value());
            Optional<Team> chosen = state.teams.values().stream().map(TeamRow::team)
                    .filter(t -> t.status() == TeamStatus.ACTIVE)
                    .filter(t -> except.isEmpty() || !t.id().equals(except.get()))
                    .filter(t -> group.isEmpty() || t.group().equals(group))
                    .filter(t -> t.seatsReserved() + t.externalSeats() < t.maxSeats())
                    .min(order);
            chosen.ifPresent(t -> replace(t, t.seatsReserved() + 1, t.status()));
            return chosen.map(t -> new SeatReservation(t.id(), t.name()));
        });
    }

    @Override
    public void releaseSeat(TeamId team) {
        atomically(() -> {
            TeamRow row = state.teams.get(team.value());
            if (row != null) {
                replace(row.team(), Math.max(row.team().seatsReserved() - 1, 0), row.team().status());
            }
            return null;
        });
    }

    @Override
    public SeatSummary seatSummary() {
        return atomically(() -> {
            List<Team> active = state.teams.values().stream().map(TeamRow::team)
                    .filter(t -> t.status() == TeamStatus.ACTIVE).toList();
            long total = active.stream().mapToLong(Team::maxSeats).sum();
            long used = active.stream().mapToLong(Team::seatsInUse).sum();
            long free = active.stream().mapToLong(Team::freeSeats).sum();
            long waiting = state.invitations.values().stream()
                    .filter(r -> r.invitation().state() == InvitationState.WAITING).count();
            return new SeatSummary(active.size(), total, used, free, waiting);
        });
    }

    private void replace(Team t, int seatsReserved, TeamStatus status) {
        TeamRow row = state.teams.get(t.id().value());
        Team changed = Team.restore(t.id(), t.name(), t.providerAccountId(), t.maxSeats(), seatsReserved,
                t.externalSeats(), t.group().orElse(null), status, t.createdAt(), t.sync());
        state.teams.put(t.id().value(), row.with(changed));
    }
}

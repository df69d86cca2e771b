package io.invitehub.application.fakes;

import io.invitehub.application.fakes.MemoryTables.TeamRow;
import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.application.shared.port.out.Teams;
import io.invitehub.application.shared.view.ExternalMember;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamAccount;
import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

final class FakeTeams extends FakeTable implements Teams {
    FakeTeams(MemoryTables db) {
        super(db);
    }

    @Override
    public Team create(NewTeam n) {
        return atomically(() -> {
            n.group().ifPresent(g -> {
                if (!state.groups.containsKey(g.value())) {
                    throw new IllegalArgumentException("no team group " + g.value());
                }
            });
            long id = newId();
            Team team = Team.restore(new TeamId(id), n.name(), n.providerAccountId(), n.maxSeats(), 0, 0,
                    n.group().orElse(null), TeamStatus.ACTIVE, db.clock.instant().truncatedTo(ChronoUnit.MICROS));
            state.teams.put(id, new TeamRow(team, n.credentials(), new TreeMap<>()));
            return team;
        });
    }

    @Override
    public TeamGroupId createGroup(String name) {
        return atomically(() -> {
            long id = newId();
            state.groups.put(id, name);
            return new TeamGroupId(id);
        });
    }

    @Override
    public boolean groupExists(TeamGroupId group) {
        return atomically(() -> state.groups.containsKey(group.value()));
    }

    @Override
    public Optional<Team> findById(TeamId id) {
        return atomically(() -> Optional.ofNullable(state.teams.get(id.value())).map(TeamRow::team));
    }

    @Override
    public List<Team> listAll() {
        return atomically(() -> state.teams.values().stream().map(TeamRow::team).toList());
    }

    @Override
    public void setStatus(TeamId team, TeamStatus status) {
        atomically(() -> {
            TeamRow row = state.teams.get(team.value());
            if (row != null) {
                replace(row.team(), row.team().seatsReserved(), status);
            }
            return null;
        });
    }

    @Override
    public Optional<Team> storeVerifiedCredentials(TeamId team, String credentials) {
        return atomically(() -> {
            TeamRow row = state.teams.get(team.value());
            if (row == null) {
                return Optional.<Team>empty();
            }
            Team t = row.team();
            TeamStatus status = t.status() == TeamStatus.TOKEN_INVALID ? TeamStatus.ACTIVE : t.status();
            Team changed = Team.restore(t.id(), t.name(), t.providerAccountId(), t.maxSeats(), t.seatsReserved(),
                    t.externalSeats(), t.group().orElse(null), status, t.createdAt(), t.sync());
            state.teams.put(team.value(), new TeamRow(changed, credentials, row.external()));
            return Optional.of(changed);
        });
    }

    @Override
    public Optional<TeamAccount> account(TeamId team) {
        return atomically(() -> Optional.ofNullable(state.teams.get(team.value()))
                .map(row -> row.team().account(row.credentials())));
    }

    private void replace(Team t, int seatsReserved, TeamStatus status) {
        TeamRow row = state.teams.get(t.id().value());
        Team changed = Team.restore(t.id(), t.name(), t.providerAccountId(), t.maxSeats(), seatsReserved,
                t.externalSeats(), t.group().orElse(null), status, t.createdAt(), t.sync());
        state.teams.put(t.id().value(), row.with(changed));
    }

    @Override
    public Optional<Team> update(TeamId id, TeamChanges changes) {
        return atomically(() -> {
            TeamRow row = state.teams.get(id.value());
            if (row == null) {
                return Optional.<Team>empty();
            }
            Team t = row.team();
            int maxSeats = changes.maxSeats().orElse(t.maxSeats());
            if (maxSeats < t.seatsInUse()) {
                throw new DomainException(ErrorCode.CONFLICT, "max_seats " + maxSeats + " is below the " + t.seatsInUse()
                        + " seats in use in team " + t.id().value() + " (" + t.seatsReserved() + " held by invitations, "
                        + t.externalSeats() + " external members)");
            }
            Team changed = Team.restore(t.id(), changes.name().orElse(t.name()), t.providerAccountId(), maxSeats,
                    t.seatsReserved(), t.externalSeats(), changes.changeGroup() ? changes.group().orElse(null) : t.group().orElse(null),
                    changes.status().orElse(t.status()), t.createdAt(), t.sync());
            state.teams.put(id.value(), row.with(changed));
            return Optional.of(changed);
        });
    }

    @Override
    public List<ExternalMember> externalMembers(TeamId id) {
        return atomically(() -> Optional.ofNullable(state.teams.get(id.value()))
                .map(row -> List.copyOf(row.external().values())).orElse(List.of()));
    }
}

package io.invitehub.application.fakes;

import io.invitehub.application.fakes.MemoryTables.TeamRow;
import io.invitehub.application.shared.port.out.ProviderMember;
import io.invitehub.application.shared.view.ExternalMember;
import io.invitehub.application.sync.port.out.SyncSchedule;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

final class FakeSyncSchedule extends FakeTable implements SyncSchedule {
    FakeSyncSchedule(MemoryTables db) {
        super(db);
    }

    @Override
    public List<TeamId> dueForSync(Instant now, int limit) {
        return atomically(() -> state.teams.values().stream().map(TeamRow::team)
                .filter(Team::isSynced)
                .filter(t -> t.sync().isDue(now))
                .sorted(Comparator.comparing((Team t) -> t.sync().nextSyncAt(), Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparingLong(t -> t.id().value()))
                .limit(limit)
                .map(Team::id)
                .toList());
    }

    @Override
    public ExternalSeats recordSync(TeamId id, List<ProviderMember> external, Instant now, Instant nextSyncAt) {
        return atomically(() -> {
            TeamRow row = state.teams.get(id.value());
            if (row == null) {
                throw new java.util.NoSuchElementException("no team " + id.value());
            }
            TreeMap<String, ExternalMember> members = new TreeMap<>();
            Instant seen = now.truncatedTo(ChronoUnit.MICROS);
            for (ProviderMember m : external) {
                ExternalMember before = row.external().get(m.email().value());
                members.putIfAbsent(m.email().value(), new ExternalMember(m.email(), Optional.ofNullable(m.userId()),
                        Optional.ofNullable(m.role()), Optional.ofNullable(m.joinedAt()).map(at -> at.truncatedTo(ChronoUnit.MICROS)),
                        before == null ? seen : before.firstSeenAt()));
            }
            Team t = row.team();
            Team synced = Team.restore(t.id(), t.name(), t.providerAccountId(), t.maxSeats(), t.seatsReserved(), members.size(),
                    t.group().orElse(null), t.status(), t.createdAt(),
                    new Team.Sync(seen, null, 0, nextSyncAt.truncatedTo(ChronoUnit.MICROS)));
            state.teams.put(id.value(), new TeamRow(synced, row.credentials(), members));
            return new ExternalSeats(t.externalSeats(), members.size());
        });
    }

    @Override
    public void recordSyncFailure(TeamId id, String error, Instant nextSyncAt) {
        atomically(() -> {
            TeamRow row = state.teams.get(id.value());
            if (row != null) {
                Team t = row.team();
                Team.Sync sync = new Team.Sync(t.sync().lastSyncedAt(), error, t.sync().failures() + 1,
                        nextSyncAt.truncatedTo(ChronoUnit.MICROS));
                state.teams.put(id.value(), row.with(Team.restore(t.id(), t.name(), t.providerAccountId(), t.maxSeats(),
                        t.seatsReserved(), t.externalSeats(), t.group().orElse(null), t.status(), t.createdAt(), sync)));
            }
            return null;
        });
    }
}

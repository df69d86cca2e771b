package io.invitehub.application.fakes;

import io.invitehub.application.fakes.MemoryTables.InvitationRow;
import io.invitehub.application.queue.port.out.WaitingQueue;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationChange;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

final class FakeWaitingQueue extends FakeTable implements WaitingQueue {
    FakeWaitingQueue(MemoryTables db) {
        super(db);
    }

    private boolean anyWaiting(Optional<TeamGroupId> group) {
        return atomically(() -> state.invitations.values().stream().anyMatch(r -> r.waitsIn(group)));
    }

    @Override
    public List<Optional<TeamGroupId>> waitingQueues() {
        return atomically(() -> {
            List<Optional<TeamGroupId>> queues = new ArrayList<>();
            if (anyWaiting(Optional.empty())) {
                queues.add(Optional.empty());
            }
            state.groups.keySet().stream().map(TeamGroupId::new).filter(g -> anyWaiting(Optional.of(g)))
                    .forEach(g -> queues.add(Optional.of(g)));
            return queues;
        });
    }

    @Override
    public List<Invitation> claimWaiting(Optional<TeamGroupId> group, int limit) {
        // transactions of this storage run one at a time: the queue is held for the transaction
        return atomically(() -> state.invitations.values().stream().filter(r -> r.waitsIn(group))
                .map(InvitationRow::invitation)
                .sorted(Comparator.comparingLong(i -> i.queueSeq().orElseThrow()))
                .limit(limit)
                .toList());
    }

    @Override
    public Optional<Invitation> promote(InvitationChange promotion) {
        if (!promotion.entersOutbox()) {
            throw new IllegalArgumentException("a promotion moves WAITING to RESERVED");
        }
        TeamId team = promotion.seatIn().orElseThrow();
        return applyChange(promotion, row -> allInvitations().noneMatch(o -> o.state().holdsSeat() && o.teamId().equals(Optional.of(team))
                && o.email().equals(row.invitation().email())));
    }
}

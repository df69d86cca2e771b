package io.invitehub.application.fakes;

import io.invitehub.application.dispatch.port.out.DispatchClaim;
import io.invitehub.application.dispatch.port.out.DispatchOutbox;
import io.invitehub.application.fakes.MemoryTables.InvitationRow;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationChange;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class FakeDispatchOutbox extends FakeTable implements DispatchOutbox {
    FakeDispatchOutbox(MemoryTables db) {
        super(db);
    }

    @Override
    public DispatchClaim claimForDispatch(int limit, Instant now, Duration lease) {
        return atomically(() -> {
            UUID claimToken = new UUID(db.random.nextLong(), db.random.nextLong());
            List<InvitationRow> due = state.invitations.values().stream()
                    .filter(r -> r.invitation().state() == InvitationState.RESERVED)
                    .filter(r -> r.nextAttemptAt() == null || !r.nextAttemptAt().isAfter(now))
                    .sorted(Comparator.comparing(InvitationRow::nextAttemptAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                            .thenComparing(r -> r.invitation().id().value()))
                    .limit(limit)
                    .toList();
            Instant leaseEnd = now.plus(lease);
            List<Invitation> claimed = new ArrayList<>(due.size());
            for (InvitationRow row : due) {
                state.invitations.put(row.invitation().id().value(), row.withDue(leaseEnd, claimToken));
                claimed.add(row.invitation());
            }
            return new DispatchClaim(claimToken, claimed);
        });
    }

    @Override
    public boolean scheduleRetry(InvitationId id, UUID claimToken, Instant nextAttemptAt, String error) {
        return atomically(() -> {
            InvitationRow row = state.invitations.get(id.value());
            if (row == null || row.invitation().state() != InvitationState.RESERVED || !claimToken.equals(row.claimToken())) {
                return false;
            }
            Invitation i = row.invitation();
            Invitation retried = Invitation.restore(i.id(), i.publicId(), i.codeId(), i.distributorId().orElse(null),
                    i.teamId().orElse(null), i.email(), i.state(), i.isRebind(), i.queueSeq().orElse(null),
                    i.attempts() + 1, error, i.endReason().orElse(null), i.createdAt(), i.invitedAt().orElse(null),
                    i.acceptedAt().orElse(null), i.endedAt().orElse(null));
            state.invitations.put(id.value(), row.with(retried).withDue(nextAttemptAt, row.claimToken()));
            return true;
        });
    }

    @Override
    public Optional<Invitation> applyClaimed(InvitationChange change, UUID claimToken) {
        if (change.from() != InvitationState.RESERVED) {
            throw new IllegalArgumentException("the outbox holds RESERVED invitations only");
        }
        return applyChange(change, row -> claimToken.equals(row.claimToken()));
    }
}

package io.invitehub.application.fakes;

import io.invitehub.application.fakes.MemoryTables.CodeRow;
import io.invitehub.application.fakes.MemoryTables.InvitationRow;
import io.invitehub.application.fakes.MemoryTables.Lifecycle;
import io.invitehub.application.fakes.MemoryTables.State;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationChange;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.user.UserId;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** What every fake port shares: the tables, the lock, and the row helpers several ports need. */
abstract class FakeTable {
    final MemoryTables db;
    final State state;

    FakeTable(MemoryTables db) {
        this.db = db;
        this.state = db.state;
    }

    <T> T atomically(Supplier<T> operation) {
        return db.atomically(operation);
    }

    long newId() {
        return db.newId();
    }

    Clock clock() {
        return db.clock;
    }

    java.util.stream.Stream<Invitation> sales(UserId distributor) {
        return db.sales(distributor);
    }

    Optional<String> teamName(Invitation i) {
        return db.teamName(i);
    }

    Code codeOf(Invitation i) {
        return db.codeOf(i);
    }

    boolean matches(Invitation i, Optional<String> prefix) {
        return db.matches(i, prefix);
    }

    Lifecycle life(long id) {
        return state.lifecycle.getOrDefault(id, Lifecycle.NONE);
    }

    Invitation withState(Invitation i, InvitationState to) {
        return Invitation.restore(i.id(), i.publicId(), i.codeId(), i.distributorId().orElse(null), i.teamId().orElse(null),
                i.email(), to, i.isRebind(), i.queueSeq().orElse(null), i.attempts(), i.lastError().orElse(null),
                i.endReason().orElse(null), i.createdAt(), i.invitedAt().orElse(null), i.acceptedAt().orElse(null),
                i.endedAt().orElse(null));
    }

    java.util.stream.Stream<Invitation> allInvitations() {
        return state.invitations.values().stream().map(InvitationRow::invitation);
    }

    CodeRow row(RedeemCodeId id) {
        CodeRow row = state.codes.get(id.value());
        if (row == null) {
            throw new java.util.NoSuchElementException("no redeem code " + id.value());
        }
        return row;
    }

    /**
     * Applies {@code change} (computed by {@link Invitation}) to the stored invitation while it is in
     * {@code change.from()} and passes {@code fence}: the rule set of the domain, as the jOOQ adapter's one
     * conditional update. Entering the dispatch outbox makes it due at once; leaving it clears the due time.
     */
    Optional<Invitation> applyChange(InvitationChange change, Predicate<InvitationRow> fence) {
        return atomically(() -> {
            InvitationRow row = state.invitations.get(change.id().value());
            if (row == null || row.invitation().state() != change.from() || !fence.test(row)) {
                return Optional.<Invitation>empty();
            }
            Invitation moved = change.applyTo(row.invitation());
            Instant due = change.entersOutbox() ? change.at() : change.leavesOutbox() ? null : row.nextAttemptAt();
            state.invitations.put(change.id().value(), row.with(moved).withDue(due, row.claimToken()));
            return Optional.of(moved);
        });
    }
}

package io.invitehub.application.fakes;

import io.invitehub.application.fakes.MemoryTables.CodeRow;
import io.invitehub.application.fakes.MemoryTables.InvitationRow;
import io.invitehub.application.fakes.MemoryTables.Lifecycle;
import io.invitehub.application.membership.port.out.RemovalClaim;
import io.invitehub.application.membership.port.out.RemovalClaims;
import io.invitehub.application.membership.view.RemovalFailure;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.invitation.RemovalKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

final class FakeRemovalClaims extends FakeTable implements RemovalClaims {
    FakeRemovalClaims(MemoryTables db) {
        super(db);
    }

    @Override
    public Optional<RemovalClaim> claimRemoval(InvitationId id, RemovalKind kind, Instant now, Duration lease) {
        return atomically(() -> {
            InvitationRow row = state.invitations.get(id.value());
            if (row == null || !kind.mayClaimFrom(row.invitation().state())) {
                return Optional.<RemovalClaim>empty();
            }
            boolean moving = life(id.value()).rebindTo() != null;
            if (moving && (kind == RemovalKind.REMOVE || kind == RemovalKind.TIMEOUT)) {
                return Optional.<RemovalClaim>empty();
            }
            return Optional.of(claim(row, kind, now, lease));
        });
    }

    @Override
    public List<RemovalClaim> claimUnaccepted(Instant invitedBefore, int limit, Instant now, Duration lease) {
        return atomically(() -> claimAll(allInvitations().filter(i -> i.state() == InvitationState.INVITED)
                .filter(i -> !life(i.id().value()).failed())
                .filter(i -> !i.invitedAt().orElseThrow().isAfter(invitedBefore))
                .sorted(Comparator.comparing((Invitation i) -> i.invitedAt().orElseThrow()).thenComparingLong(i -> i.id().value()))
                .limit(limit).toList(), RemovalKind.TIMEOUT, now, lease));
    }

    @Override
    public List<RemovalClaim> claimExpired(int limit, Instant now, Duration lease) {
        return atomically(() -> claimAll(allInvitations().filter(i -> i.state() == InvitationState.INVITED || i.state() == InvitationState.JOINED)
                .filter(i -> !life(i.id().value()).failed())
                .filter(i -> memberEndsAt(i).filter(end -> !end.isAfter(now)).isPresent())
                .sorted(Comparator.comparing((Invitation i) -> memberEndsAt(i).orElseThrow()).thenComparingLong(i -> i.id().value()))
                .limit(limit).toList(), RemovalKind.EXPIRE, now, lease));
    }

    @Override
    public List<RemovalClaim> claimRebound(int limit, Instant now, Duration lease) {
        return atomically(() -> claimAll(allInvitations().filter(i -> i.state() == InvitationState.JOINED)
                .filter(i -> {
                    Long to = life(i.id().value()).rebindTo();
                    if (to == null) {
                        return false;
                    }
                    InvitationState target = state.invitations.get(to).invitation().state();
                    return target == InvitationState.INVITED || target == InvitationState.JOINED;
                })
                .limit(limit).toList(), RemovalKind.REBIND, now, lease));
    }

    @Override
    public List<RemovalClaim> claimDueRemovals(int limit, Instant now, Duration lease) {
        return atomically(() -> {
            List<Invitation> due = allInvitations().filter(i -> i.state() == InvitationState.REMOVING)
                    .filter(i -> !life(i.id().value()).dueAt().isAfter(now))
                    .sorted(Comparator.comparing((Invitation i) -> life(i.id().value()).dueAt()).thenComparingLong(i -> i.id().value()))
                    .limit(limit).toList();
            List<RemovalClaim> claims = new ArrayList<>();
            for (Invitation i : due) {
                Lifecycle l = life(i.id().value()).due(now.plus(lease), now);
                state.lifecycle.put(i.id().value(), l);
                claims.add(toClaim(i, l));
            }
            claims.sort(Comparator.comparingLong(c -> c.invitation().id().value()));
            return claims;
        });
    }

    @Override
    public void scheduleRemovalRetry(InvitationId id, Instant dueAt, String error) {
        atomically(() -> {
            InvitationRow row = state.invitations.get(id.value());
            if (row != null && row.invitation().state() == InvitationState.REMOVING) {
                state.lifecycle.put(id.value(), life(id.value()).retry(dueAt, error));
            }
            return null;
        });
    }

    @Override
    public Optional<Invitation> abandonRemoval(InvitationId id, Instant now, String error, boolean failed) {
        return atomically(() -> {
            InvitationRow row = state.invitations.get(id.value());
            if (row == null || row.invitation().state() != InvitationState.REMOVING) {
                return Optional.<Invitation>empty();
            }
            Lifecycle l = life(id.value());
            Invitation back = withState(row.invitation(), l.from());
            state.invitations.put(id.value(), row.with(back));
            state.lifecycle.put(id.value(), l.abandoned(error, failed, now));
            return Optional.of(back);
        });
    }

    @Override
    public List<RemovalFailure> removalFailures(Optional<InvitationId> after, int limit) {
        return atomically(() -> allInvitations().filter(i -> life(i.id().value()).failed())
                .filter(i -> after.isEmpty() || i.id().value() > after.get().value())
                .limit(limit)
                .map(i -> {
                    Lifecycle l = life(i.id().value());
                    return new RemovalFailure(i.id(), i.email(), i.teamId(), teamName(i), i.state(), Optional.ofNullable(l.kind()),
                            l.attempts(), Optional.ofNullable(l.error()), l.changedAt());
                })
                .toList());
    }

    /** The code's membership end as the V4 trigger keeps it: the epoch while the code is disabled. */
    private Optional<Instant> memberEndsAt(Invitation i) {
        CodeRow code = state.codes.get(i.codeId().value());
        return !code.active() ? Optional.of(Instant.EPOCH) : Optional.ofNullable(code.memberExpiresAt());
    }

    private List<RemovalClaim> claimAll(List<Invitation> chosen, RemovalKind kind, Instant now, Duration lease) {
        List<RemovalClaim> claims = new ArrayList<>();
        for (Invitation i : chosen) {
            claims.add(claim(state.invitations.get(i.id().value()), kind, now, lease));
        }
        claims.sort(Comparator.comparingLong(c -> c.invitation().id().value()));
        return claims;
    }

    private RemovalClaim claim(InvitationRow row, RemovalKind kind, Instant now, Duration lease) {
        Invitation i = row.invitation();
        Invitation removing = withState(i, InvitationState.REMOVING);
        state.invitations.put(i.id().value(), row.with(removing));
        Lifecycle l = life(i.id().value()).claimed(kind, i.state(), now, now.plus(lease));
        state.lifecycle.put(i.id().value(), l);
        return toClaim(removing, l);
    }

    private RemovalClaim toClaim(Invitation i, Lifecycle l) {
        return new RemovalClaim(i, l.kind(), l.from(), l.attempts(), Optional.ofNullable(l.rebindTo()).map(InvitationId::new));
    }
}

package io.invitehub.application.fakes;

import io.invitehub.application.fakes.MemoryTables.InvitationRow;
import io.invitehub.application.queue.port.out.WaitingQueue;
import io.invitehub.application.shared.port.out.Invitations;
import io.invitehub.application.shared.port.out.NewInvitation;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationChange;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

final class FakeInvitations extends FakeTable implements Invitations {
    FakeInvitations(MemoryTables db) {
        super(db);
    }

    @Override
    public Invitation create(NewInvitation n) {
        return atomically(() -> {
            if (!state.codes.containsKey(n.codeId().value())) {
                throw new IllegalArgumentException("no redeem code " + n.codeId().value());
            }
            n.teamId().ifPresent(team -> {
                if (!state.teams.containsKey(team.value())) {
                    throw new IllegalArgumentException("no team " + team.value());
                }
                boolean taken = state.invitations.values().stream().map(InvitationRow::invitation)
                        .anyMatch(i -> i.state().holdsSeat() && i.teamId().equals(Optional.of(team))
                                && i.email().equals(n.email()));
                if (taken) {
                    throw new DomainException(ErrorCode.ALREADY_MEMBER, "This e-mail already holds a seat in this team.");
                }
            });
            boolean openForEmail = !n.rebind() && state.invitations.values().stream().map(InvitationRow::invitation)
                    .anyMatch(i -> i.state().isOpen() && !i.isRebind() && i.email().equals(n.email()));
            if (openForEmail) {
                throw new DomainException(ErrorCode.ALREADY_MEMBER,
                        "This e-mail already holds a seat (or a place in the queue) through another code.");
            }
            long id = newId();
            Long queueSeq = n.state() == InvitationState.WAITING ? state.nextQueueSeq++ : null;
            UUID publicId = new UUID(db.random.nextLong(), db.random.nextLong());
            Invitation invitation = Invitation.restore(new InvitationId(id), publicId, n.codeId(),
                    n.distributorId().orElse(null), n.teamId().orElse(null), n.email(), n.state(), n.rebind(),
                    queueSeq, 0, null, null, n.now(), null, null, null);
            // a new RESERVED invitation is due at once; claims then go first-due-first-out
            Instant due = n.state() == InvitationState.RESERVED ? n.now() : null;
            TeamGroupId queueGroup = n.state() == InvitationState.WAITING ? state.codes.get(n.codeId().value()).group() : null;
            state.invitations.put(id, new InvitationRow(invitation, n.holdsUse(), false, due, queueGroup, null));
            return invitation;
        });
    }

    @Override
    public Optional<Invitation> findById(InvitationId id) {
        return atomically(() -> Optional.ofNullable(state.invitations.get(id.value())).map(InvitationRow::invitation));
    }

    @Override
    public List<Invitation> lockAll(Collection<InvitationId> ids) {
        // one lock serialises every transaction of the fakes already: ascending id, unknown ids left out
        return atomically(() -> ids.stream().map(InvitationId::value).distinct().sorted()
                .map(state.invitations::get).filter(Objects::nonNull).map(InvitationRow::invitation).toList());
    }

    @Override
    public Optional<Invitation> findByPublicId(UUID publicId) {
        return atomically(() -> allInvitations().filter(i -> i.publicId().equals(publicId)).findFirst());
    }

    @Override
    public Optional<Invitation> findOpen(RedeemCodeId code, Email email) {
        // the newest, as the adapter orders (during a rebind the code and e-mail have two open invitations)
        return atomically(() -> allInvitations().filter(i -> i.codeId().equals(code) && i.email().equals(email) && i.state().isOpen())
                .reduce((first, second) -> second));
    }

    @Override
    public List<Invitation> openOfEmail(Email email) {
        return atomically(() -> allInvitations().filter(i -> i.email().equals(email) && i.state().isOpen())
                .sorted(Comparator.comparingLong((Invitation i) -> i.id().value()).reversed()).toList());
    }

    @Override
    public Optional<Invitation> findLatest(RedeemCodeId code, Email email) {
        return atomically(() -> allInvitations().filter(i -> i.codeId().equals(code) && i.email().equals(email))
                .reduce((first, second) -> second));
    }

    @Override
    public Optional<Long> queuePosition(InvitationId id) {
        return atomically(() -> {
            InvitationRow self = state.invitations.get(id.value());
            if (self == null || self.invitation().state() != InvitationState.WAITING) {
                return Optional.<Long>empty();
            }
            long seq = self.invitation().queueSeq().orElseThrow();
            Optional<TeamGroupId> queue = Optional.ofNullable(self.queueGroup());
            return Optional.of(1 + state.invitations.values().stream().filter(r -> r.waitsIn(queue))
                    .filter(r -> r.invitation().queueSeq().orElseThrow() < seq).count());
        });
    }

    @Override
    public List<Invitation> seatHolders(TeamId team) {
        return atomically(() -> allInvitations().filter(i -> i.state().holdsSeat() && i.teamId().equals(Optional.of(team))).toList());
    }

    // ---- member lifecycle

    @Override
    public Optional<Invitation> findSeatHolder(TeamId team, Email email) {
        return atomically(() -> allInvitations().filter(i -> i.teamId().equals(Optional.of(team)) && i.email().equals(email)
                && i.state().holdsSeat()).findFirst());
    }

    @Override
    public Optional<Invitation> findLatestInTeam(TeamId team, Email email) {
        return atomically(() -> allInvitations().filter(i -> i.teamId().equals(Optional.of(team)) && i.email().equals(email))
                .reduce((first, second) -> second));
    }

    @Override
    public Optional<Invitation> apply(InvitationChange change) {
        if (change.entersOutbox()) {
            throw new IllegalArgumentException("RESERVED takes a seat: WaitingQueue.promote applies it");
        }
        return applyChange(change, row -> true);
    }
}

package io.invitehub.application.fakes;

import io.invitehub.application.fakes.MemoryTables.InvitationRow;
import io.invitehub.application.membership.port.out.Rebinds;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;

import java.util.List;

final class FakeRebinds extends FakeTable implements Rebinds {
    FakeRebinds(MemoryTables db) {
        super(db);
    }

    @Override
    public boolean moveUnsettled(Invitation rebind) {
        return rebind.isRebind() && atomically(() -> allInvitations()
                .filter(i -> i.codeId().equals(rebind.codeId()) && i.email().equals(rebind.email()))
                .filter(i -> i.state() == InvitationState.JOINED || i.state() == InvitationState.REMOVING)
                .anyMatch(i -> Long.valueOf(rebind.id().value()).equals(life(i.id().value()).rebindTo())));
    }

    @Override
    public boolean markRebinding(InvitationId member, InvitationId rebind) {
        return atomically(() -> {
            InvitationRow row = state.invitations.get(member.value());
            if (row == null || row.invitation().state() != InvitationState.JOINED || life(member.value()).rebindTo() != null) {
                return false;
            }
            if (!state.invitations.containsKey(rebind.value())) {
                throw new IllegalArgumentException("no invitation " + rebind.value() + " (foreign key)");
            }
            state.lifecycle.put(member.value(), life(member.value()).rebinding(rebind.value()));
            return true;
        });
    }

    @Override
    public List<Invitation> releaseFailedRebinds(int limit) {
        return atomically(() -> {
            List<Invitation> released = allInvitations().filter(i -> i.state() == InvitationState.JOINED)
                    .filter(i -> {
                        Long to = life(i.id().value()).rebindTo();
                        return to != null && state.invitations.get(to).invitation().state().isEnded();
                    })
                    .limit(limit).toList();
            released.forEach(i -> state.lifecycle.put(i.id().value(), life(i.id().value()).rebinding(null)));
            return released;
        });
    }
}

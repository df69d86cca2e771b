package io.invitehub.application.fakes;

import io.invitehub.application.fakes.MemoryTables.CodeRow;
import io.invitehub.application.fakes.MemoryTables.InvitationRow;
import io.invitehub.application.shared.port.out.CodeUses;
import io.invitehub.domain.code.EmailMismatchException;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.shared.Email;

final class FakeCodeUses extends FakeTable implements CodeUses {
    FakeCodeUses(MemoryTables db) {
        super(db);
    }

    @Override
    public void takeUseAndBind(RedeemCodeId id, Email email) {
        atomically(() -> {
            CodeRow row = row(id);
            if (row.maxUses() > 0 && row.usedCount() >= row.maxUses()) {
                throw RedeemCode.usedUp();
            }
            if (row.boundEmail() != null && !row.boundEmail().equals(email)) {
                throw new EmailMismatchException(row.boundEmail());
            }
            state.codes.put(id.value(), row.withUsedCount(row.usedCount() + 1).withBoundEmail(email));
            return null;
        });
    }

    @Override
    public boolean giveUseBack(InvitationId invitation) {
        return atomically(() -> {
            InvitationRow inv = state.invitations.get(invitation.value());
            if (inv == null || !inv.holdsUse() || inv.useGivenBack()) {
                return false;
            }
            state.invitations.put(invitation.value(), new InvitationRow(inv.invitation(), true, true, inv.nextAttemptAt(),
                    inv.queueGroup(), inv.claimToken()));
            long codeId = inv.invitation().codeId().value();
            CodeRow code = state.codes.get(codeId);
            state.codes.put(codeId, code.withUsedCount(Math.max(code.usedCount() - 1, 0)));
            return true;
        });
    }

    @Override
    public boolean moveUse(InvitationId from, InvitationId to) {
        return atomically(() -> {
            InvitationRow f = state.invitations.get(from.value());
            InvitationRow t = state.invitations.get(to.value());
            if (f == null || t == null || !holds(f) || holds(t) || !f.invitation().codeId().equals(t.invitation().codeId())) {
                return false;
            }
            state.invitations.put(from.value(), new InvitationRow(f.invitation(), false, false, f.nextAttemptAt(), f.queueGroup(), f.claimToken()));
            state.invitations.put(to.value(), new InvitationRow(t.invitation(), true, false, t.nextAttemptAt(), t.queueGroup(), t.claimToken()));
            return true;
        });
    }

    private boolean holds(InvitationRow row) {
        return row.holdsUse() && !row.useGivenBack();
    }

    @Override
    public boolean takeRebind(RedeemCodeId id) {
        return atomically(() -> {
            CodeRow r = row(id);
            if (r.rebindCount() >= r.rebindLimit()) {
                return false;
            }
            state.codes.put(id.value(), withRebindCount(r, r.rebindCount() + 1));
            return true;
        });
    }

    @Override
    public void giveRebindBack(RedeemCodeId id) {
        atomically(() -> {
            CodeRow r = state.codes.get(id.value());
            if (r != null) {
                state.codes.put(id.value(), withRebindCount(r, Math.max(r.rebindCount() - 1, 0)));
            }
            return null;
        });
    }

    private CodeRow withRebindCount(CodeRow r, int count) {
        return new CodeRow(r.id(), r.code(), r.owner(), r.group(), r.maxUses(), r.usedCount(), r.expiresAt(), r.validityDays(),
                r.boundEmail(), r.activatedAt(), r.memberExpiresAt(), count, r.rebindLimit(), r.active(), r.note(), r.createdAt());
    }
}

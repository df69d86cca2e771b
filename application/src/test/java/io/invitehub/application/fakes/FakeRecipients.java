package io.invitehub.application.fakes;

import io.invitehub.application.fakes.MemoryTables.InvitationRow;
import io.invitehub.application.recipients.port.out.Recipients;
import io.invitehub.application.recipients.view.BlockEntry;
import io.invitehub.application.recipients.view.BlockKind;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

final class FakeRecipients extends FakeTable implements Recipients {
    FakeRecipients(MemoryTables db) {
        super(db);
    }

    @Override
    public Screening screen(Email email, Instant since, int limit) {
        return atomically(() -> new Screening(findBlock(email), state.optOuts.containsKey(email.value()),
                recentInvitations(email, since, limit)));
    }

    private List<Instant> recentInvitations(Email email, Instant since, int limit) {
        return atomically(() -> state.invitations.values().stream().map(InvitationRow::invitation)
                .filter(i -> i.email().equals(email) && !i.isRebind() && i.createdAt().isAfter(since))
                .map(Invitation::createdAt).sorted(Comparator.reverseOrder()).limit(limit).toList());
    }

    @Override
    public Optional<Instant> lastRemoval(UserId distributor, Email email) {
        return atomically(() -> state.invitations.values().stream().map(InvitationRow::invitation)
                .filter(i -> i.email().equals(email) && i.state() == InvitationState.REMOVED
                        && i.distributorId().equals(Optional.of(distributor)))
                .map(i -> i.endedAt().orElseThrow()).max(Comparator.naturalOrder()));
    }

    private Optional<BlockEntry> findBlock(Email email) {
        return atomically(() -> {
            List<String> domains = new ArrayList<>();
            String d = email.domain();
            while (true) {
                domains.add(d);
                int dot = d.indexOf('.');
                if (dot < 0) {
                    break;
                }
                d = d.substring(dot + 1);
            }
            return state.blocks.values().stream()
                    .filter(b -> b.kind() == BlockKind.EMAIL ? b.value().equals(email.value()) : domains.contains(b.value()))
                    .findFirst();
        });
    }

    @Override
    public Optional<BlockEntry> addBlock(BlockKind kind, String value, Optional<String> reason, Optional<UserId> createdBy, Instant now) {
        return atomically(() -> {
            boolean listed = state.blocks.values().stream().anyMatch(b -> b.kind() == kind && b.value().equals(value));
            if (listed) {
                return Optional.<BlockEntry>empty();
            }
            BlockEntry block = new BlockEntry(newId(), kind, value, reason, createdBy, now);
            state.blocks.put(block.id(), block);
            return Optional.of(block);
        });
    }

    @Override
    public boolean removeBlock(long id) {
        return atomically(() -> state.blocks.remove(id) != null);
    }

    @Override
    public List<BlockEntry> blocks(Optional<Long> after, int limit) {
        return atomically(() -> state.blocks.tailMap(after.orElse(0L), false).values().stream().limit(limit).toList());
    }

    @Override
    public boolean optOut(Email email, RedeemCodeId proof, Instant now) {
        return atomically(() -> state.optOuts.putIfAbsent(email.value(), now) == null);
    }

    @Override
    public boolean liftOptOut(Email email) {
        return atomically(() -> state.optOuts.remove(email.value()) != null);
    }
}

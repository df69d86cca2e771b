package io.invitehub.application.fakes;

import io.invitehub.application.distributors.port.out.CreatedKey;
import io.invitehub.application.distributors.port.out.DistributorRecords;
import io.invitehub.application.distributors.view.CodeFilter;
import io.invitehub.application.distributors.view.CodeUsage;
import io.invitehub.application.distributors.view.CodeRecord;
import io.invitehub.application.distributors.view.CodeView;
import io.invitehub.application.distributors.view.MemberView;
import io.invitehub.application.distributors.view.SaleView;
import io.invitehub.application.distributors.view.SalesFilter;
import io.invitehub.application.fakes.MemoryTables.InvitationRow;
import io.invitehub.domain.code.CodeStatus;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import static io.invitehub.application.fakes.MemoryTables.before;
import static io.invitehub.application.fakes.MemoryTables.NEWEST_FIRST;

final class FakeRecords extends FakeTable implements DistributorRecords {
    FakeRecords(MemoryTables db) {
        super(db);
    }

    @Override
    public List<SaleView> sales(UserId distributor, SalesFilter filter, Optional<CreatedKey> after, int limit) {
        noTags(filter.tags());
        return atomically(() -> sales(distributor)
                .filter(i -> filter.status().isEmpty() || filter.status().get() == i.state())
                .filter(i -> filter.from().isEmpty() || !i.createdAt().isBefore(filter.from().get()))
                .filter(i -> filter.to().isEmpty() || i.createdAt().isBefore(filter.to().get()))
                .filter(i -> matches(i, filter.prefix()))
                .filter(i -> before(i, after))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .map(i -> new SaleView(i.id(), codeOf(i), i.email(), teamName(i), i.state(), i.createdAt(), i.acceptedAt()))
                .toList());
    }

    @Override
    public List<MemberView> members(UserId distributor, Optional<String> prefix, List<io.invitehub.domain.crm.Tag> tags, Instant endedSince,
                                    Optional<CreatedKey> after, int limit) {
        noTags(tags);
        java.util.Set<InvitationState> live = java.util.EnumSet.of(InvitationState.INVITED, InvitationState.JOINED, InvitationState.REMOVING);
        java.util.Set<InvitationState> ended = java.util.EnumSet.of(InvitationState.REMOVED, InvitationState.EXPIRED, InvitationState.REBOUND);
        return atomically(() -> state.invitations.values().stream().map(InvitationRow::invitation)
                .filter(i -> i.distributorId().filter(distributor::equals).isPresent())
                .filter(i -> live.contains(i.state())
                        || (ended.contains(i.state()) && !i.endedAt().orElseThrow().isBefore(endedSince)))
                .filter(i -> matches(i, prefix))
                .filter(i -> before(i, after))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .map(i -> new MemberView(i.id(), i.email(), i.teamId(), teamName(i), codeOf(i), i.acceptedAt(), i.state(),
                        i.state().isEnded(), i.createdAt()))
                .toList());
    }

    @Override
    public List<CodeView> codes(UserId distributor, CodeFilter filter, Instant now, Optional<RedeemCodeId> after, int limit) {
        Optional<String> prefix = filter.prefix().map(p -> p.toUpperCase(Locale.ROOT).replace("-", "").replace(" ", ""));
        return atomically(() -> state.codes.descendingMap().values().stream()
                .filter(c -> distributor.equals(c.owner()))
                .filter(c -> after.isEmpty() || c.id().value() < after.get().value())
                .filter(c -> prefix.isEmpty() || c.code().value().startsWith(prefix.get()))
                .filter(c -> filter.usage().isEmpty() || (filter.usage().get() == CodeUsage.UNUSED) == (c.usedCount() == 0))
                .map(c -> new CodeView(c.id(), c.code(), CodeStatus.of(c.active(), c.maxUses(), c.usedCount(), c.expiresAt(), now),
                        c.usedCount(), c.maxUses(), Optional.ofNullable(c.expiresAt()), c.validityDays(),
                        Optional.ofNullable(c.boundEmail()), Optional.ofNullable(c.note()), c.createdAt()))
                .filter(v -> filter.status().isEmpty() || filter.status().get() == v.status())
                .limit(limit)
                .toList());
    }

    @Override
    public List<CodeRecord> codeRecords(RedeemCodeId code, Optional<Long> afterId, int limit) {
        return atomically(() -> state.invitations.values().stream().map(InvitationRow::invitation)
                .filter(i -> i.codeId().equals(code))
                .filter(i -> afterId.isEmpty() || i.id().value() < afterId.get())
                .sorted(Comparator.comparingLong((Invitation i) -> i.id().value()).reversed())
                .limit(limit)
                .map(i -> new CodeRecord(i.id(), i.email(), teamName(i), i.state(), i.isRebind(), i.createdAt(),
                        i.invitedAt(), i.acceptedAt(), i.endedAt()))
                .toList());
    }

    /** The tag filter reads the CRM's tables (ADR 36), which only PostgreSQL has: the jOOQ adapter's tests cover it. */
    private static void noTags(List<io.invitehub.domain.crm.Tag> tags) {
        if (!tags.isEmpty()) {
            throw new UnsupportedOperationException("the in-memory records have no customer tags");
        }
    }
}

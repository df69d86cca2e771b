package io.invitehub.application.fakes;

import io.invitehub.application.fakes.MemoryTables.CodeRow;
import io.invitehub.application.shared.port.out.NewRedemption;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.order.OrderId;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.AllocationPolicy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class FakeRedeemCodes extends FakeTable implements RedeemCodes {
    FakeRedeemCodes(MemoryTables db) {
        super(db);
    }

    @Override
    public Optional<RedeemCode> findByCode(Code code) {
        return atomically(() -> state.codes.values().stream().filter(r -> r.code().equals(code)).findFirst()
                .map(CodeRow::toDomain));
    }

    @Override
    public Optional<RedeemCode> findById(RedeemCodeId id) {
        return atomically(() -> Optional.ofNullable(state.codes.get(id.value())).map(CodeRow::toDomain));
    }

    @Override
    public RedeemCode lock(RedeemCodeId id) {
        return atomically(() -> row(id).toDomain());
    }

    @Override
    public RedeemCode lockForRedemption(RedeemCodeId id, Email recipient) {
        return lock(id); // one lock serialises every transaction of the fakes already
    }

    /** Always "not taken": the fakes' redemption is the statement-by-statement path (ADR 64). */
    @Override
    public NewRedemption redeemNew(Code code, Email email, Instant now, Instant since, int cap, AllocationPolicy policy) {
        return NewRedemption.notTaken();
    }

    @Override
    public List<RedeemCode> lockAll(Collection<RedeemCodeId> ids) {
        return atomically(() -> ids.stream().map(RedeemCodeId::value).distinct().sorted()
                .map(state.codes::get).filter(Objects::nonNull).map(CodeRow::toDomain).toList());
    }

    @Override
    public List<Code> insertNew(Collection<Code> candidates, CodeTerms terms, Optional<OrderId> order, Instant now) {
        return atomically(() -> {
            List<Code> inserted = new ArrayList<>();
            for (Code candidate : new LinkedHashSet<>(candidates)) {
                boolean exists = state.codes.values().stream().anyMatch(r -> r.code().equals(candidate));
                if (exists) {
                    continue;
                }
                long id = newId();
                state.codes.put(id, new CodeRow(new RedeemCodeId(id), candidate, terms.owner().orElse(null),
                        terms.group().orElse(null), terms.maxUses(), 0, terms.expiresAt().orElse(null),
                        terms.validityDays(), null, null, null, 0, terms.rebindLimit(), true,
                        terms.note().orElse(null), now));
                order.ifPresent(o -> {
                    if (!state.orders.containsKey(o.value())) {
                        throw new IllegalStateException("order " + o.value() + " does not exist (foreign key)");
                    }
                    state.codeOrders.put(id, o.value());
                });
                inserted.add(candidate);
            }
            return inserted;
        });
    }

    @Override
    public boolean activate(RedeemCodeId id, Instant at) {
        return atomically(() -> {
            CodeRow r = row(id);
            if (r.activatedAt() != null) {
                return false;
            }
            Instant activated = at.truncatedTo(ChronoUnit.MICROS);
            state.codes.put(id.value(), new CodeRow(r.id(), r.code(), r.owner(), r.group(), r.maxUses(), r.usedCount(),
                    r.expiresAt(), r.validityDays(), r.boundEmail(), activated, activated.plus(Duration.ofDays(r.validityDays())),
                    r.rebindCount(), r.rebindLimit(), r.active(), r.note(), r.createdAt()));
            return true;
        });
    }

    @Override
    public boolean setActive(RedeemCodeId id, boolean active) {
        return atomically(() -> {
            CodeRow r = state.codes.get(id.value());
            if (r == null) {
                return false;
            }
            state.codes.put(id.value(), new CodeRow(r.id(), r.code(), r.owner(), r.group(), r.maxUses(), r.usedCount(),
                    r.expiresAt(), r.validityDays(), r.boundEmail(), r.activatedAt(), r.memberExpiresAt(), r.rebindCount(),
                    r.rebindLimit(), active, r.note(), r.createdAt()));
            return true;
        });
    }

    @Override
    public Deletion deleteIfUnused(RedeemCodeId id) {
        return atomically(() -> {
            CodeRow r = state.codes.get(id.value());
            if (r == null) {
                return Deletion.NOT_FOUND;
            }
            boolean referenced = state.invitations.values().stream().anyMatch(i -> i.invitation().codeId().equals(id));
            if (r.usedCount() > 0 || r.boundEmail() != null || referenced) {
                return Deletion.IN_USE;
            }
            state.codes.remove(id.value());
            return Deletion.DELETED;
        });
    }
}

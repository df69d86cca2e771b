package io.invitehub.application.codes.service;

import io.invitehub.application.codes.port.in.BatchDeletion;
import io.invitehub.application.codes.port.in.ManageCodesUseCase;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shared.service.CallerRules;
import io.invitehub.domain.code.CodeStatus;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Enable, disable, delete codes, each in one transaction. The code row is locked first, so a
 * toggle is a consistent read-modify-write and statistics (maintained by storage in the same
 * transaction) follow exactly.
 */
public final class CodeManagementService implements ManageCodesUseCase {
    private final TransactionRunner transactions;
    private final RedeemCodes codes;
    private final CallerRules rules;
    private final Clock clock;

    public CodeManagementService(TransactionRunner transactions, RedeemCodes codes, Users users, Clock clock) {
        this.transactions = transactions;
        this.codes = codes;
        this.rules = new CallerRules(users);
        this.clock = clock;
    }

    @Override
    public CodeStatus toggle(UserId caller, RedeemCodeId code) {
        return transactions.inTransaction(() -> {
            RedeemCode locked = lockVisible(caller, code);
            return set(locked, !locked.active());
        });
    }

    @Override
    public CodeStatus setEnabled(UserId caller, RedeemCodeId code, boolean enabled) {
        return transactions.inTransaction(() -> set(lockVisible(caller, code), enabled));
    }

    @Override
    public void delete(UserId caller, RedeemCodeId code) {
        transactions.inTransaction(() -> {
            lockVisible(caller, code);
            switch (codes.deleteIfUnused(code)) {
                case DELETED:
                    return;
                case IN_USE:
                    throw new DomainException(ErrorCode.CONFLICT,
                            "This code has been used or an invitation refers to it; disable it instead of deleting it.");
                default:
                    throw notFound(code);
            }
        });
    }

    @Override
    public BatchDeletion deleteAll(UserId caller, Collection<RedeemCodeId> ids) {
        if (ids.isEmpty() || ids.size() > BatchDeletion.MAX_IDS) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "ids must hold 1 to " + BatchDeletion.MAX_IDS + " code ids");
        }
        // ascending order: the conditional deletes lock rows in one order, so concurrent batches cannot deadlock
        List<RedeemCodeId> sorted = ids.stream().distinct().sorted(Comparator.comparingLong(RedeemCodeId::value)).toList();
        return transactions.inTransaction(() -> {
            User user = rules.caller(caller);
            // every code row before the first delete writes statistics (ADR 28)
            codes.lockAll(sorted);
            List<RedeemCodeId> deleted = new ArrayList<>();
            List<RedeemCodeId> inUse = new ArrayList<>();
            List<RedeemCodeId> notFound = new ArrayList<>();
            for (RedeemCodeId id : sorted) {
                if (!visible(user, id)) {
                    notFound.add(id);
                    continue;
                }
                switch (codes.deleteIfUnused(id)) {
                    case DELETED:
                        deleted.add(id);
                        break;
                    case IN_USE:
                        inUse.add(id);
                        break;
                    default:
                        notFound.add(id);
                }
            }
            return new BatchDeletion(deleted, inUse, notFound);
        });
    }

    private boolean visible(User user, RedeemCodeId id) {
        return codes.findById(id).filter(c -> CallerRules.isStaff(user) || c.owner().filter(user.id()::equals).isPresent())
                .isPresent();
    }

    private CodeStatus set(RedeemCode code, boolean enabled) {
        if (code.active() != enabled && !codes.setActive(code.id(), enabled)) {
            throw notFound(code.id());
        }
        return CodeStatus.of(enabled, code.maxUses(), code.usedCount(), code.expiresAt().orElse(null), clock.instant());
    }

    /** The code, locked, when the caller may change it; otherwise NOT_FOUND whether it exists or not. */
    private RedeemCode lockVisible(UserId caller, RedeemCodeId id) {
        User user = rules.caller(caller);
        RedeemCode seen = codes.findById(id).orElseThrow(() -> notFound(id));
        if (!CallerRules.isStaff(user) && !seen.owner().filter(user.id()::equals).isPresent()) {
            throw notFound(id);
        }
        return codes.lock(id);
    }

    private static DomainException notFound(RedeemCodeId id) {
        return DomainException.notFound("code " + id.value() + " does not exist");
    }
}

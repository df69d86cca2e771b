package io.invitehub.application.codes.service;

import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.codes.port.in.IssueCodesUseCase;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.CodeGenerator;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shared.port.out.Teams;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.order.OrderId;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Role;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Issues codes in bulk: generate candidates, insert with {@code ON CONFLICT DO NOTHING}, regenerate
 * only the ones that collided, all in one transaction (all codes or none).
 */
public final class CodeIssuingService implements IssueCodesUseCase {
    public static final int MAX_ROUNDS = 10;

    private final TransactionRunner transactions;
    private final RedeemCodes codes;
    private final Users users;
    private final Teams teams;
    private final CodeGenerator generator;
    private final AuditLog audit;
    private final Clock clock;

    public CodeIssuingService(TransactionRunner transactions, RedeemCodes codes, Users users, Teams teams,
                              CodeGenerator generator, AuditLog audit, Clock clock) {
        this.audit = audit;
        this.transactions = transactions;
        this.codes = codes;
        this.users = users;
        this.teams = teams;
        this.generator = generator;
        this.clock = clock;
    }

    /**
     * Inserts {@code count} new codes on {@code terms} (linked to {@code order} when given) in the caller's
     * transaction: candidates from the generator, bulk insert {@code ON CONFLICT DO NOTHING}, and only the
     * ones that collided drawn again, for at most {@value #MAX_ROUNDS} rounds.
     */
    public static List<Code> insertUnique(RedeemCodes codes, CodeGenerator generator, int count, CodeTerms terms,
                                   Optional<OrderId> order, Instant now) {
        List<Code> issued = new ArrayList<>(count);
        for (int round = 0; round < MAX_ROUNDS && issued.size() < count; round++) {
            Set<Code> candidates = new LinkedHashSet<>();
            while (candidates.size() < count - issued.size()) {
                candidates.add(generator.next());
            }
            issued.addAll(codes.insertNew(candidates, terms, order, now));
        }
        if (issued.size() < count) {
            throw new DomainException(ErrorCode.CONFLICT, "could not generate enough unique codes; use a longer code length");
        }
        return issued;
    }

    @Override
    public List<Code> issue(IssueCodesCommand command) {
        command.actor().requireStaff();
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            command.terms().owner().ifPresent(owner -> {
                boolean distributor = users.findById(owner).filter(u -> u.role() == Role.DISTRIBUTOR).isPresent();
                if (!distributor) {
                    throw DomainException.notFound("distributor " + owner.value() + " does not exist");
                }
            });
            command.terms().group().ifPresent(group -> {
                if (!teams.groupExists(group)) {
                    throw DomainException.notFound("team group " + group.value() + " does not exist");
                }
            });
            List<Code> issued = insertUnique(codes, generator, command.count(), command.terms(), Optional.empty(), now);
            CodeTerms terms = command.terms();
            audit.record(AuditEntry.of(command.actor(), terms.owner().isPresent() ? "CODES_GRANT" : "CODES_ISSUE",
                    terms.owner().isPresent() ? "USER" : "PLATFORM",
                    terms.owner().map(o -> Long.toString(o.value())).orElse("-"),
                    "count=" + issued.size() + ", max_uses=" + terms.maxUses() + ", validity_days=" + terms.validityDays(), now));
            return issued;
        });
    }
}

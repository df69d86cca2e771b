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
import io.invitehub.application.shared.service.UniqueCodes;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.user.Role;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Issues codes in bulk ({@link UniqueCodes}: generate candidates, insert with {@code ON CONFLICT DO NOTHING},
 * regenerate only the ones that collided), all in one transaction (all codes or none).
 */
public final class CodeIssuingService implements IssueCodesUseCase {
    private final TransactionRunner transactions;
    private final RedeemCodes codes;
    private final Users users;
    private final Teams teams;
    private final UniqueCodes newCodes;
    private final AuditLog audit;
    private final Clock clock;

    public CodeIssuingService(TransactionRunner transactions, RedeemCodes codes, Users users, Teams teams,
                              CodeGenerator generator, AuditLog audit, Clock clock) {
        this.audit = audit;
        this.transactions = transactions;
        this.codes = codes;
        this.users = users;
        this.teams = teams;
        this.newCodes = new UniqueCodes(codes, generator);
        this.clock = clock;
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
            List<Code> issued = newCodes.insert(command.count(), command.terms(), Optional.empty(), now);
            CodeTerms terms = command.terms();
            audit.record(AuditEntry.of(command.actor(), terms.owner().isPresent() ? "CODES_GRANT" : "CODES_ISSUE",
                    terms.owner().isPresent() ? "USER" : "PLATFORM",
                    terms.owner().map(o -> Long.toString(o.value())).orElse("-"),
                    "count=" + issued.size() + ", max_uses=" + terms.maxUses() + ", validity_days=" + terms.validityDays(), now));
            return issued;
        });
    }
}

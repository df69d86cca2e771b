package io.invitehub.application.recipients.service;

import io.invitehub.application.recipients.port.in.ProtectRecipientsUseCase;
import io.invitehub.application.recipients.port.out.Recipients;
import io.invitehub.application.recipients.view.BlockEntry;
import io.invitehub.application.recipients.view.BlockKind;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.RateLimiter;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.service.RedemptionGuard;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The admin blocklist and the customers' opt-out. Every admin write is audited in its transaction. */
public final class RecipientProtectionService implements ProtectRecipientsUseCase {
    private static final String ADMINS_ONLY = "Only an admin may manage the blocklist and opt-outs.";

    public static final int MAX_PAGE = 500;
    private static final int MAX_REASON_LENGTH = 500;
    private static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}$");

    private final TransactionRunner transactions;
    private final Recipients recipients;
    private final RedeemCodes codes;
    private final AuditLog audit;
    private final RedemptionGuard guard;
    private final RedemptionSettings redemption;
    private final Clock clock;

    public RecipientProtectionService(TransactionRunner transactions, Recipients recipients, RedeemCodes codes, AuditLog audit,
                                      RateLimiter rateLimiter, RedemptionSettings redemption, Clock clock) {
        this.transactions = transactions;
        this.recipients = recipients;
        this.codes = codes;
        this.audit = audit;
        this.guard = new RedemptionGuard(rateLimiter, redemption);
        this.redemption = redemption;
        this.clock = clock;
    }

    @Override
    public BlockEntry block(Actor admin, String value, Optional<String> reason) {
        admin.requireAnyOf(ADMINS_ONLY, Role.ADMIN);
        if (value == null || value.isBlank()) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "value is required: an e-mail address or a domain");
        }
        String raw = value.strip().toLowerCase(Locale.ROOT);
        BlockKind kind;
        String normal;
        if (raw.indexOf('@') > 0) {
            kind = BlockKind.EMAIL;
            normal = Email.of(raw).value();
        } else {
            kind = BlockKind.DOMAIN;
            normal = raw.startsWith("@") ? raw.substring(1) : raw;
            if (!DOMAIN.matcher(normal).matches()) {
                throw DomainException.invalid(ErrorCode.VALIDATION_FAILED,
                        "value must be an e-mail address (a@host.com) or a domain (host.com)");
            }
        }
        Optional<String> why = reason.map(String::strip).filter(r -> !r.isEmpty());
        if (why.isPresent() && why.get().length() > MAX_REASON_LENGTH) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "reason must have at most " + MAX_REASON_LENGTH + " characters");
        }
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            BlockEntry added = recipients.addBlock(kind, normal, why, admin.userId(), now)
                    .orElseThrow(() -> new DomainException(ErrorCode.CONFLICT, "This " + (kind == BlockKind.EMAIL
                            ? "e-mail address" : "domain") + " is already on the blocklist."));
            audit.record(AuditEntry.of(admin, "RECIPIENT_BLOCK", "BLOCKLIST", added.id(),
                    kind + " " + (kind == BlockKind.EMAIL ? Email.of(normal).masked() : normal), now));
            return added;
        });
    }

    @Override
    public void unblock(Actor admin, long blockId) {
        admin.requireAnyOf(ADMINS_ONLY, Role.ADMIN);
        Instant now = clock.instant();
        transactions.inTransaction(() -> {
            if (!recipients.removeBlock(blockId)) {
                throw DomainException.notFound("No blocklist entry " + blockId + ".");
            }
            audit.record(AuditEntry.of(admin, "RECIPIENT_UNBLOCK", "BLOCKLIST", blockId, null, now));
            return null;
        });
    }

    @Override
    public List<BlockEntry> blocks(Actor admin, Optional<Long> after, int limit) {
        admin.requireAnyOf(ADMINS_ONLY, Role.ADMIN);
        if (limit < 1 || limit > MAX_PAGE) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "limit must be between 1 and " + MAX_PAGE);
        }
        return recipients.blocks(after, limit);
    }

    @Override
    public boolean optOut(Code code, Email email, String clientAddress) {
        guard.refuseLockedCode(code);
        guard.acquire(redemption.statusPerAddress(), clientAddress, "Too many requests from this address; try again later.");
        RedeemCode proof = codes.findByCode(code)
                .filter(c -> c.boundEmail().filter(email::equals).isPresent())
                .orElseThrow(() -> {
                    guard.countFailedAttempt(code);
                    return DomainException.notFound("No redemption was found for this code and e-mail.");
                });
        Instant now = clock.instant();
        return transactions.inTransaction(() -> recipients.optOut(email, proof.id(), now));
    }

    @Override
    public void liftOptOut(Actor admin, Email email) {
        admin.requireAnyOf(ADMINS_ONLY, Role.ADMIN);
        Instant now = clock.instant();
        transactions.inTransaction(() -> {
            if (!recipients.liftOptOut(email)) {
                throw DomainException.notFound("This e-mail address has not opted out.");
            }
            audit.record(AuditEntry.of(admin, "RECIPIENT_OPT_OUT_LIFT", "EMAIL", email.masked(), null, now));
            return null;
        });
    }

}

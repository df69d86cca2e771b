package io.invitehub.application.accounts.service;

import io.invitehub.application.accounts.port.in.PasswordResetUseCase;
import io.invitehub.application.accounts.port.out.PasswordHasher;
import io.invitehub.application.accounts.port.out.PasswordResets;
import io.invitehub.application.accounts.port.out.ResetTokens;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.MailOutbox;
import io.invitehub.application.shared.port.out.MailTemplate;
import io.invitehub.application.shared.port.out.OutgoingMail;
import io.invitehub.application.shared.port.out.RateLimiter;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.Language;
import io.invitehub.domain.shared.RateLimitedException;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Password reset (ADR 41). A request stores the hash of a fresh random token (earlier tokens of the account
 * are dropped) and writes the mail with the link to the outbox, in one transaction; an unknown e-mail does
 * the same work minus the writes and answers the same. A reset uses the token with one conditional update
 * (unused, not expired), sets the password and increments the token version in the same transaction, so
 * the token works once and every session of the account ends.
 */
public final class PasswordResetService implements PasswordResetUseCase {
    private static final String INVALID = "This reset link is invalid, used or expired; ask for a new one.";

    private final TransactionRunner transactions;
    private final Users users;
    private final PasswordResets resets;
    private final ResetTokens tokens;
    private final PasswordHasher hasher;
    private final MailOutbox mail;
    private final WakeUps wakeUps;
    private final RateLimiter rateLimiter;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordResetSettings settings;

    public PasswordResetService(TransactionRunner transactions, Users users, PasswordResets resets, ResetTokens tokens,
                                PasswordHasher hasher, MailOutbox mail, WakeUps wakeUps, RateLimiter rateLimiter, AuditLog audit,
                                Clock clock, PasswordResetSettings settings) {
        this.transactions = transactions;
        this.users = users;
        this.resets = resets;
        this.tokens = tokens;
        this.hasher = hasher;
        this.mail = mail;
        this.wakeUps = wakeUps;
        this.rateLimiter = rateLimiter;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public void requestReset(String email, String clientAddress, Language language) {
        Email address = Email.of(email);
        throttle(settings.perAddress(), String.valueOf(clientAddress), "Too many reset requests; wait before asking again.");
        throttle(settings.perEmail(), address.value(), "A reset link was sent recently; wait before asking for another.");
        ResetTokens.Issued issued = tokens.issue();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.validity());
        OutgoingMail message = new OutgoingMail(address, language, MailTemplate.PASSWORD_RESET,
                Map.of("link", settings.linkBase().get() + issued.token(), "minutes", Long.toString(settings.validity().toMinutes())));
        boolean queued = transactions.inTransaction(() -> {
            Optional<UserId> user = resets.userWithEmail(address);
            if (user.isEmpty()) {
                return false;
            }
            resets.discardFor(user.get());
            resets.store(issued.hash(), user.get(), expiresAt);
            mail.enqueue(message, now);
            audit.record(AuditEntry.of(Actor.system(), "PASSWORD_RESET_REQUEST", "USER", user.get().value(), null, now));
            return true;
        });
        if (queued) {
            wakeUps.signal(WakeUps.Work.MAIL);
        }
    }

    @Override
    public void resetPassword(String token, char[] newPassword, String clientAddress) {
        throttle(settings.attemptsPerAddress(), String.valueOf(clientAddress), "Too many reset attempts; wait before trying again.");
        if (token == null || token.isBlank()) {
            throw new DomainException(ErrorCode.RESET_TOKEN_INVALID, INVALID);
        }
        AccountRules.validPassword(newPassword);
        String tokenHash = tokens.hash(token.strip());
        String passwordHash = hasher.hash(newPassword);
        Instant now = clock.instant();
        transactions.inTransaction(() -> {
            UserId id = resets.consume(tokenHash, now).orElseThrow(() -> new DomainException(ErrorCode.RESET_TOKEN_INVALID, INVALID));
            User user = users.findById(id).orElseThrow(() -> new DomainException(ErrorCode.RESET_TOKEN_INVALID, INVALID));
            users.changePassword(id, user.tokenVersion(), passwordHash)
                    .orElseThrow(() -> new DomainException(ErrorCode.CONFLICT, "The account changed meanwhile; try again."));
            resets.discardFor(id);
            audit.record(AuditEntry.of(Actor.of(user), "PASSWORD_RESET", "USER", id.value(), null, now));
            return null;
        });
    }

    private void throttle(RateLimiter.Limit limit, String key, String message) {
        Optional<Duration> wait = rateLimiter.tryAcquire(limit, key);
        if (wait.isPresent()) {
            throw new RateLimitedException(message, wait.get());
        }
    }
}

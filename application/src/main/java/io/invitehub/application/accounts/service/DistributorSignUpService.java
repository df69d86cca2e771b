package io.invitehub.application.accounts.service;

import io.invitehub.application.accounts.port.in.DistributorSignUpUseCase;
import io.invitehub.application.accounts.port.in.RegisterDistributorCommand;
import io.invitehub.application.accounts.port.out.PasswordHasher;
import io.invitehub.application.accounts.port.out.VerificationCodeGenerator;
import io.invitehub.application.accounts.port.out.VerificationCodes;
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
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sign-up: a six-digit code is stored hashed with an expiry and its mail written to the outbox in the same
 * transaction (sent after commit by the mail workers, so a mail outage never fails the request); registering
 * (limited per client address and per e-mail) checks it (bounded failed tries — a wrong code, or the
 * right code with a taken username or e-mail —, then the code is gone) and creates a PENDING
 * distributor in the same transaction that consumes the code.
 */
public final class DistributorSignUpService implements DistributorSignUpUseCase {
    private static final Pattern SIX_DIGITS = Pattern.compile("^[0-9]{6}$");
    private static final String WRONG_CODE = "The verification code is wrong or expired; request a new one.";
    private static final String CODE_SENT_RECENTLY = "A code was sent recently; wait before asking for another.";
    private static final String TOO_MANY_ATTEMPTS = "Too many sign-up attempts; wait before trying again.";

    private final TransactionRunner transactions;
    private final Users users;
    private final VerificationCodes codes;
    private final VerificationCodeGenerator generator;
    private final PasswordHasher hasher;
    private final MailOutbox mail;
    private final WakeUps wakeUps;
    private final RateLimiter rateLimiter;
    private final AuditLog audit;
    private final Clock clock;
    private final SignUpSettings settings;

    public DistributorSignUpService(TransactionRunner transactions, Users users, VerificationCodes codes,
                                    VerificationCodeGenerator generator, PasswordHasher hasher, MailOutbox mail, WakeUps wakeUps,
                                    RateLimiter rateLimiter, AuditLog audit, Clock clock, SignUpSettings settings) {
        this.transactions = transactions;
        this.users = users;
        this.codes = codes;
        this.generator = generator;
        this.hasher = hasher;
        this.mail = mail;
        this.wakeUps = wakeUps;
        this.rateLimiter = rateLimiter;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public void sendVerificationCode(String email, String clientAddress, Language language) {
        Email address = Email.of(email);
        throttle(settings.perAddress(), String.valueOf(clientAddress), CODE_SENT_RECENTLY);
        throttle(settings.perEmail(), address.value(), CODE_SENT_RECENTLY);
        String code = generator.sixDigits();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.codeValidity());
        String hash = hasher.hash(code.toCharArray());
        OutgoingMail message = new OutgoingMail(address, language, MailTemplate.VERIFICATION_CODE,
                Map.of("code", code, "minutes", Long.toString(settings.codeValidity().toMinutes())));
        transactions.inTransaction(() -> {
            codes.replace(address, hash, expiresAt);
            mail.enqueue(message, now);
        });
        wakeUps.signal(WakeUps.Work.MAIL);
    }

    @Override
    public User register(RegisterDistributorCommand command) {
        Email address = Email.of(command.email());
        throttle(settings.registerPerAddress(), String.valueOf(command.clientAddress()), TOO_MANY_ATTEMPTS);
        throttle(settings.registerPerEmail(), address.value(), TOO_MANY_ATTEMPTS);
        String username = AccountRules.validUsername(command.username());
        AccountRules.validPassword(command.password());
        String code = command.code() == null ? "" : command.code().strip();
        if (!SIX_DIGITS.matcher(code).matches()) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "code must be the six digits sent by e-mail");
        }
        Instant now = clock.instant();
        // nothing is said about the username until the code proves the e-mail: a wrong code is the same
        // answer whether the username exists or not
        Optional<VerificationCodes.Pending> pending = codes.find(address).filter(p -> now.isBefore(p.expiresAt()));
        if (pending.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, WRONG_CODE);
        }
        if (!hasher.matches(code.toCharArray(), pending.get().codeHash())) {
            countFailure(address);
            throw new DomainException(ErrorCode.VALIDATION_FAILED, WRONG_CODE);
        }
        String passwordHash = hasher.hash(command.password());
        try {
            return transactions.inTransaction(() -> {
                // the code must still be the one checked (not replaced, not exhausted meanwhile)
                boolean stillPending = codes.find(address)
                        .filter(p -> p.codeHash().equals(pending.get().codeHash()) && p.failedAttempts() < settings.maxFailedAttempts())
                        .isPresent();
                if (!stillPending) {
                    throw new DomainException(ErrorCode.VALIDATION_FAILED, WRONG_CODE);
                }
                codes.remove(address);
                User user = users.create(username, address.value(), passwordHash, Role.DISTRIBUTOR, Approval.PENDING);
                audit.record(AuditEntry.of(Actor.of(user), "DISTRIBUTOR_REGISTER", "USER", user.id().value(),
                        "username=" + username, now));
                return user;
            });
        } catch (DomainException taken) {
            if (taken.code() == ErrorCode.CONFLICT) {
                // a taken username (or e-mail) counts against the code like a wrong code, so one code cannot probe names
                countFailure(address);
            }
            throw taken;
        }
    }

    /** One failed attempt on the e-mail's code; the attempt that reaches the limit ends the code. */
    private void countFailure(Email address) {
        transactions.inTransaction(() -> {
            if (codes.recordFailure(address) >= settings.maxFailedAttempts()) {
                codes.remove(address);
            }
        });
    }

    private void throttle(RateLimiter.Limit limit, String key, String message) {
        Optional<Duration> wait = rateLimiter.tryAcquire(limit, key);
        if (wait.isPresent()) {
            throw new RateLimitedException(message, wait.get());
        }
    }
}

package io.invitehub.application.accounts.service;

import io.invitehub.application.accounts.port.in.NotApprovedException;
import io.invitehub.application.accounts.port.in.SignInUseCase;
import io.invitehub.application.accounts.port.in.SignedIn;
import io.invitehub.application.accounts.port.out.PasswordHasher;
import io.invitehub.application.accounts.port.out.TokenIssuer;
import io.invitehub.application.accounts.port.out.TokenVerifier;
import io.invitehub.application.shared.port.out.RateLimiter;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shared.view.AccountView;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.RateLimitedException;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.User;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Login (rate limited as ADR 26 says, timing-safe) and the per-request token check. A distributor that is not
 * APPROVED gets FORBIDDEN after a correct password (it learns its state, nobody else does); its old
 * tokens were revoked by the transition, so it never holds a working token.
 */
public final class SignInService implements SignInUseCase {
    private static final String BAD_CREDENTIALS = "Invalid username or password.";
    private static final int MAX_USERNAME_KEY = 128;

    private final Users users;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final TokenVerifier verifier;
    private final RateLimiter rateLimiter;
    private final Clock clock;
    private final SignInSettings settings;
    /** Checked when the username is unknown, so both refusals cost one hash verification (no timing oracle). */
    private final String dummyHash;

    public SignInService(Users users, PasswordHasher hasher, TokenIssuer issuer, TokenVerifier verifier,
                         RateLimiter rateLimiter, Clock clock, SignInSettings settings) {
        this.users = users;
        this.hasher = hasher;
        this.issuer = issuer;
        this.verifier = verifier;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
        this.settings = settings;
        this.dummyHash = hasher.hash("not-a-real-password".toCharArray());
    }

    @Override
    public SignedIn login(String username, char[] password, String clientAddress) {
        if (username == null || username.isBlank() || password == null) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
        }
        String name = username.strip();
        String nameKey = name.toLowerCase(Locale.ROOT);
        if (nameKey.length() > MAX_USERNAME_KEY) {
            nameKey = nameKey.substring(0, MAX_USERNAME_KEY);
        }
        String address = String.valueOf(clientAddress);
        // ADR 26: hard limits where the attempts come from; across addresses a username is only slowed down
        throttle(settings.perAddress(), address);
        throttle(settings.perAddressAndUser(), address + "|" + nameKey);
        if (rateLimiter.blocked(settings.userFailures(), nameKey).isPresent()) {
            throttle(settings.userSlowDown(), nameKey);
        }
        Optional<User> found = users.findByUsername(name);
        boolean matches = hasher.matches(password, found.map(User::passwordHash).orElse(dummyHash));
        if (!matches || found.isEmpty()) {
            rateLimiter.tryAcquire(settings.userFailures(), nameKey);
            throw new DomainException(ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
        }
        User user = found.get();
        requireMayAct(user);
        TokenIssuer.IssuedToken token = issuer.issue(user, clock.instant());
        return new SignedIn(user, token.value(), token.expiresAt());
    }

    @Override
    public User authenticate(String token) {
        if (token == null || token.isBlank()) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "Authentication required.");
        }
        Instant now = clock.instant();
        TokenVerifier.Claims claims = verifier.verify(token.strip(), now);
        User user = users.findById(claims.userId())
                .filter(u -> u.tokenVersion() == claims.tokenVersion())
                .orElseThrow(() -> new DomainException(ErrorCode.UNAUTHORIZED, "The token was revoked; sign in again."));
        requireMayAct(user);
        return user;
    }

    private void requireMayAct(User user) {
        if (user.mayAct()) {
            return;
        }
        if (user.disabled()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "This account is disabled.");
        }
        Approval approval = user.approval().orElseThrow();
        String message;
        Optional<String> reason = Optional.empty();
        switch (approval) {
            case PENDING:
                // "pending": the reference's login page shows its under-review alert for a detail naming it (ADR 34)
                message = "This distributor account is pending: an admin has not approved it yet.";
                break;
            case REJECTED:
                message = "This distributor account was rejected.";
                // the applicant's own reason, only after its right password (the reference's page shows it, ADR 34)
                reason = users.account(user.id()).flatMap(AccountView::rejectionReason);
                break;
            default:
                message = "This distributor account is suspended.";
        }
        throw new NotApprovedException(approval, reason, message);
    }

    private void throttle(RateLimiter.Limit limit, String key) {
        Optional<Duration> wait = rateLimiter.tryAcquire(limit, key);
        if (wait.isPresent()) {
            throw new RateLimitedException("Too many login attempts; try again later.", wait.get());
        }
    }
}

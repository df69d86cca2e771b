package io.invitehub.application.shared.service;

import io.invitehub.application.shared.port.out.RateLimiter.Limit;
import io.invitehub.application.shared.port.out.RateLimiter;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.shared.RateLimitedException;

/**
 * The rate limits that protect the public code endpoints (SPEC section 10): per client address, per
 * e-mail, and a lock on a code after too many failed attempts (unknown code, wrong e-mail), so codes
 * and bound e-mails cannot be guessed through redeem or status.
 */
public final class RedemptionGuard {
    private final RateLimiter rateLimiter;
    private final RedemptionSettings settings;

    public RedemptionGuard(RateLimiter rateLimiter, RedemptionSettings settings) {
        this.rateLimiter = rateLimiter;
        this.settings = settings;
    }

    public void refuseLockedCode(Code code) {
        rateLimiter.locked(settings.failuresPerCode(), code.value()).ifPresent(wait -> {
            throw new RateLimitedException("Too many failed attempts for this code; try again later.", wait);
        });
    }

    public void acquire(Limit limit, String key, String refusal) {
        rateLimiter.tryAcquire(limit, key).ifPresent(wait -> {
            throw new RateLimitedException(refusal, wait);
        });
    }

    public void countFailedAttempt(Code code) {
        rateLimiter.recordFailure(settings.failuresPerCode(), code.value());
    }
}

package io.invitehub.application.service;

import io.invitehub.application.port.out.RateLimiter;
import io.invitehub.application.port.out.RateLimiter.Limit;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.shared.RateLimitedException;

/**
 * The rate limits that protect the public code endpoints (SPEC section 10): per client address, per
 * e-mail, and a lock on a code after too many failed attempts (unknown code, wrong e-mail), so codes
 * and bound e-mails cannot be guessed through redeem or status.
 */
final class RedemptionGuard {
    private final RateLimiter rateLimiter;
    private final RedemptionSettings settings;

    RedemptionGuard(RateLimiter rateLimiter, RedemptionSettings settings) {
        this.rateLimiter = rateLimiter;
        this.settings = settings;
    }

    void refuseLockedCode(Code code) {
        rateLimiter.locked(settings.failuresPerCode(), code.value()).ifPresent(wait -> {
            throw new RateLimitedException("Too many failed attempts for this code; try again later.", wait);
        });
    }

    void acquire(Limit limit, String key, String refusal) {
        rateLimiter.tryAcquire(limit, key).ifPresent(wait -> {
            throw new RateLimitedException(refusal, wait);
        });
    }

    void countFailedAttempt(Code code) {
        rateLimiter.recordFailure(settings.failuresPerCode(), code.value());
    }
}

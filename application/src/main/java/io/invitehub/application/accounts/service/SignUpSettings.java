package io.invitehub.application.accounts.service;

import io.invitehub.application.shared.port.out.RateLimiter;

import java.time.Duration;
import java.util.Objects;

/** Verification codes: requests per client address and per e-mail, how long a code is valid, wrong tries allowed. */
public record SignUpSettings(RateLimiter.Limit perAddress, RateLimiter.Limit perEmail, Duration codeValidity,
                             int maxFailedAttempts) {
    public SignUpSettings {
        Objects.requireNonNull(perAddress, "perAddress");
        Objects.requireNonNull(perEmail, "perEmail");
        if (codeValidity.isNegative() || codeValidity.isZero()) {
            throw new IllegalArgumentException("codeValidity must be positive");
        }
        if (maxFailedAttempts < 1) {
            throw new IllegalArgumentException("maxFailedAttempts must be at least 1");
        }
    }

    public static SignUpSettings defaults() {
        return new SignUpSettings(new RateLimiter.Limit("verification-address", 1, Duration.ofMinutes(1)),
                new RateLimiter.Limit("verification-email", 1, Duration.ofMinutes(1)), Duration.ofMinutes(10), 5);
    }
}

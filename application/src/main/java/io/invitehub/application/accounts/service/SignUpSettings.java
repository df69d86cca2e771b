package io.invitehub.application.accounts.service;

import io.invitehub.application.shared.port.out.RateLimiter;

import java.time.Duration;
import java.util.Objects;

/**
 * Sign-up: verification codes sent per client address and per e-mail, registration attempts per client
 * address and per e-mail, how long a code is valid, and how many failed attempts (a wrong code, or the
 * right one with a taken username or e-mail) end it.
 */
public record SignUpSettings(RateLimiter.Limit perAddress, RateLimiter.Limit perEmail, Duration codeValidity,
                             int maxFailedAttempts, RateLimiter.Limit registerPerAddress, RateLimiter.Limit registerPerEmail) {
    public SignUpSettings {
        Objects.requireNonNull(perAddress, "perAddress");
        Objects.requireNonNull(perEmail, "perEmail");
        Objects.requireNonNull(registerPerAddress, "registerPerAddress");
        Objects.requireNonNull(registerPerEmail, "registerPerEmail");
        if (codeValidity.isNegative() || codeValidity.isZero()) {
            throw new IllegalArgumentException("codeValidity must be positive");
        }
        if (maxFailedAttempts < 1) {
            throw new IllegalArgumentException("maxFailedAttempts must be at least 1");
        }
    }

    public static SignUpSettings defaults() {
        return new SignUpSettings(new RateLimiter.Limit("verification-address", 1, Duration.ofMinutes(1)),
                new RateLimiter.Limit("verification-email", 1, Duration.ofMinutes(1)), Duration.ofMinutes(10), 5,
                new RateLimiter.Limit("register-address", 5, Duration.ofMinutes(1)),
                new RateLimiter.Limit("register-email", 5, Duration.ofMinutes(1)));
    }
}

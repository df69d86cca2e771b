package io.invitehub.application.accounts.service;

import io.invitehub.application.shared.port.out.RateLimiter;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Password reset: how long a link is valid, the link's beginning (the token is appended), the requests
 * allowed per client address and per e-mail, and the reset attempts per client address.
 */
public record PasswordResetSettings(Duration validity, Supplier<String> linkBase, RateLimiter.Limit perAddress,
                                    RateLimiter.Limit perEmail, RateLimiter.Limit attemptsPerAddress) {
    public PasswordResetSettings {
        Objects.requireNonNull(linkBase, "linkBase");
        Objects.requireNonNull(perAddress, "perAddress");
        Objects.requireNonNull(perEmail, "perEmail");
        Objects.requireNonNull(attemptsPerAddress, "attemptsPerAddress");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
    }

    /** 30 minutes; 5 requests a minute per address, 1 a minute per e-mail; 10 attempts a minute per address. */
    public static PasswordResetSettings defaults(Supplier<String> linkBase) {
        return new PasswordResetSettings(Duration.ofMinutes(30), linkBase,
                new RateLimiter.Limit("reset-request-address", 5, Duration.ofMinutes(1)),
                new RateLimiter.Limit("reset-request-email", 1, Duration.ofMinutes(1)),
                new RateLimiter.Limit("reset-attempt-address", 10, Duration.ofMinutes(1)));
    }
}

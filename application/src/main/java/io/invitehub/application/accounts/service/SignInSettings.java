package io.invitehub.application.accounts.service;

import io.invitehub.application.shared.port.out.RateLimiter;

import java.time.Duration;
import java.util.Objects;

/**
 * Login limits: attempts per client address and per username; {@code sessionMax}: how long a session lasts from
 * the password on, through any number of renewals ({@code INVITEHUB_SESSION_MAX}, a working day by default).
 */
public record SignInSettings(RateLimiter.Limit perAddress, RateLimiter.Limit perUsername, Duration sessionMax) {
    public static final Duration DEFAULT_SESSION_MAX = Duration.ofHours(12);

    public SignInSettings {
        Objects.requireNonNull(perAddress, "perAddress");
        Objects.requireNonNull(perUsername, "perUsername");
        Objects.requireNonNull(sessionMax, "sessionMax");
        if (sessionMax.isNegative() || sessionMax.isZero()) {
            throw new IllegalArgumentException("sessionMax must be positive");
        }
    }

    public SignInSettings(RateLimiter.Limit perAddress, RateLimiter.Limit perUsername) {
        this(perAddress, perUsername, DEFAULT_SESSION_MAX);
    }
}

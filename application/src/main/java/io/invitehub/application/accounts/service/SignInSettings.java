package io.invitehub.application.accounts.service;

import io.invitehub.application.shared.port.out.RateLimiter;

import java.time.Duration;
import java.util.Objects;

/**
 * Login limits (ADR 26). Hard limits: attempts per client address and per client address and username.
 * Across addresses a username is only slowed down: once it has {@code userFailures} failed attempts in a
 * window, further attempts for it (from anywhere) are let through one per {@code userSlowDown} period, so
 * a refusal never asks to wait longer than that short period and nobody can lock an owner out.
 * {@code sessionMax}: how long a session lasts from the password on, through any number of renewals
 * ({@code INVITEHUB_SESSION_MAX}, a working day by default; ADR 48).
 */
public record SignInSettings(RateLimiter.Limit perAddress, RateLimiter.Limit perAddressAndUser, RateLimiter.Limit userFailures,
                             RateLimiter.Limit userSlowDown, Duration sessionMax) {
    /** The slow-down period of a username under attack: the longest a refusal for it asks to wait. */
    public static final Duration DEFAULT_SLOW_DOWN = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SESSION_MAX = Duration.ofHours(12);

    public SignInSettings {
        Objects.requireNonNull(perAddress, "perAddress");
        Objects.requireNonNull(perAddressAndUser, "perAddressAndUser");
        Objects.requireNonNull(userFailures, "userFailures");
        Objects.requireNonNull(userSlowDown, "userSlowDown");
        Objects.requireNonNull(sessionMax, "sessionMax");
        if (userSlowDown.permits() != 1) {
            throw new IllegalArgumentException("userSlowDown lets one attempt through per period");
        }
        if (sessionMax.isNegative() || sessionMax.isZero()) {
            throw new IllegalArgumentException("sessionMax must be positive");
        }
    }

    /** The limits with sessions of {@link #DEFAULT_SESSION_MAX}. */
    public SignInSettings(RateLimiter.Limit perAddress, RateLimiter.Limit perAddressAndUser, RateLimiter.Limit userFailures,
                          RateLimiter.Limit userSlowDown) {
        this(perAddress, perAddressAndUser, userFailures, userSlowDown, DEFAULT_SESSION_MAX);
    }

    /** {@code perMinute} attempts a minute per address and per address and user; failures of a user beyond that slow it down. */
    public static SignInSettings of(int perMinute, Duration slowDown) {
        return of(perMinute, slowDown, DEFAULT_SESSION_MAX);
    }

    /** As {@link #of(int, Duration)}, with sessions of {@code sessionMax}. */
    public static SignInSettings of(int perMinute, Duration slowDown, Duration sessionMax) {
        Duration minute = Duration.ofMinutes(1);
        return new SignInSettings(new RateLimiter.Limit("login-address", perMinute, minute),
                new RateLimiter.Limit("login-address-user", perMinute, minute),
                new RateLimiter.Limit("login-user-failures", perMinute, minute),
                new RateLimiter.Limit("login-user-slowdown", 1, slowDown), sessionMax);
    }
}

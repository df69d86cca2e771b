package io.invitehub.application.accounts.service;

import io.invitehub.application.shared.port.out.RateLimiter;

import java.util.Objects;

/** Login limits: attempts per client address and per username. */
public record SignInSettings(RateLimiter.Limit perAddress, RateLimiter.Limit perUsername) {
    public SignInSettings {
        Objects.requireNonNull(perAddress, "perAddress");
        Objects.requireNonNull(perUsername, "perUsername");
    }
}

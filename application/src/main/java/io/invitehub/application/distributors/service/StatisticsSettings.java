package io.invitehub.application.distributors.service;

import io.invitehub.domain.shared.Money;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the distributor read side: the platform's unit price for revenue estimates when a
 * distributor has none, and how long an ended member stays in the members list (flagged ended).
 */
public record StatisticsSettings(Money defaultUnitPrice, Duration recentlyEnded) {
    public static final Duration DEFAULT_RECENTLY_ENDED = Duration.ofDays(30);

    public StatisticsSettings {
        Objects.requireNonNull(defaultUnitPrice, "defaultUnitPrice");
        Objects.requireNonNull(recentlyEnded, "recentlyEnded");
        if (defaultUnitPrice.isNegative()) {
            throw new IllegalArgumentException("the default unit price must not be negative");
        }
        if (recentlyEnded.isNegative()) {
            throw new IllegalArgumentException("recentlyEnded must not be negative");
        }
    }
}

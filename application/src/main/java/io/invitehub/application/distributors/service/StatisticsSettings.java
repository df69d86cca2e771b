package io.invitehub.application.distributors.service;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the distributor read side: how long an ended member stays in the members list (flagged ended).
 * The platform's unit price for revenue estimates is a runtime setting (ADR 51: {@code PlatformTermsQuery}).
 */
public record StatisticsSettings(Duration recentlyEnded) {
    public static final Duration DEFAULT_RECENTLY_ENDED = Duration.ofDays(30);

    public StatisticsSettings {
        Objects.requireNonNull(recentlyEnded, "recentlyEnded");
        if (recentlyEnded.isNegative()) {
            throw new IllegalArgumentException("recentlyEnded must not be negative");
        }
    }
}

package io.invitehub.application.exports.service;

import java.time.Duration;
import java.util.Objects;

/**
 * Exports (ADR 35): how many a user may start per minute, how long a signed download link lives, and how long
 * an ended member stays in the members list (the list's own window).
 */
public record ExportSettings(int perUserPerMinute, Duration linkTtl, Duration recentlyEnded) {
    public ExportSettings {
        Objects.requireNonNull(recentlyEnded, "recentlyEnded");
        if (perUserPerMinute < 1) {
            throw new IllegalArgumentException("perUserPerMinute must be at least 1");
        }
        Objects.requireNonNull(linkTtl, "linkTtl");
        if (linkTtl.isNegative() || linkTtl.isZero()) {
            throw new IllegalArgumentException("linkTtl must be positive");
        }
    }
}

package io.invitehub.application.distributors.view;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/** The platform's trend days and the business time zone their days are counted in. */
public record PlatformTrend(ZoneId timeZone, List<TrendDay> days) {
    public PlatformTrend {
        Objects.requireNonNull(timeZone, "timeZone");
        days = List.copyOf(days);
    }
}

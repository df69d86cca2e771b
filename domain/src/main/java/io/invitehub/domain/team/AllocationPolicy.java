package io.invitehub.domain.team;

import java.util.Locale;

/** How a seat is chosen among ACTIVE teams with room. */
public enum AllocationPolicy {
    /** The lowest team id with room: fills teams one after another (default). */
    FILL_FIRST,
    /** The team with the most free seats: spreads members. */
    SPREAD;

    /** Parses {@code fill-first} or {@code spread}. */
    public static AllocationPolicy parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "fill-first":
                return FILL_FIRST;
            case "spread":
                return SPREAD;
            default:
                throw new IllegalArgumentException("unknown allocation policy '" + text + "' (fill-first or spread)");
        }
    }
}

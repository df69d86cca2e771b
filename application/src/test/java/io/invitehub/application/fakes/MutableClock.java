package io.invitehub.application.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A clock tests set and advance. Instants are truncated to microseconds, the precision PostgreSQL
 * stores, so what a test reads back equals what it wrote. Thread-safe.
 */
public final class MutableClock extends Clock {
    private volatile Instant now;
    private final ZoneId zone;

    public MutableClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    public MutableClock(Instant start, ZoneId zone) {
        this.now = start.truncatedTo(ChronoUnit.MICROS);
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public static MutableClock at(String isoInstant) {
        return new MutableClock(Instant.parse(isoInstant));
    }

    public synchronized void set(Instant instant) {
        now = instant.truncatedTo(ChronoUnit.MICROS);
    }

    public synchronized Instant advance(Duration duration) {
        now = now.plus(duration).truncatedTo(ChronoUnit.MICROS);
        return now;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        MutableClock copy = new MutableClock(now, other);
        return copy;
    }
}

package io.invitehub.application.distributors.port.in;

import io.invitehub.application.distributors.view.SalesFilter;
import io.invitehub.domain.crm.Tag;
import io.invitehub.domain.invitation.InvitationState;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client asks of the sales list: state, a period from {@code from} (inclusive) to {@code to} (exclusive for
 * a moment, the whole day included for a date), an e-mail or code {@code prefix}, and {@code tags} the customer
 * carries, all of them (CRM, ADR 36). A plain date names a business day (the statistics' time zone), so "today"
 * here is the dashboard's today ({@link #in(ZoneId)}).
 */
public record SalesQuery(Optional<InvitationState> status, Optional<Bound> from, Optional<Bound> to, Optional<String> prefix,
                         List<Tag> tags) {
    public static final SalesQuery NONE = new SalesQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public SalesQuery {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(prefix, "prefix");
        tags = List.copyOf(tags);
    }

    /** Without a tag filter. */
    public SalesQuery(Optional<InvitationState> status, Optional<Bound> from, Optional<Bound> to, Optional<String> prefix) {
        this(status, from, to, prefix, List.of());
    }

    /** One end of the period: a moment, or a business day. */
    public record Bound(Optional<Instant> moment, Optional<LocalDate> day) {
        public Bound {
            Objects.requireNonNull(moment, "moment");
            Objects.requireNonNull(day, "day");
            if (moment.isPresent() == day.isPresent()) {
                throw new IllegalArgumentException("a bound is a moment or a day");
            }
        }

        public static Bound at(Instant moment) {
            return new Bound(Optional.of(moment), Optional.empty());
        }

        public static Bound day(LocalDate day) {
            return new Bound(Optional.empty(), Optional.of(day));
        }

        /** The moment itself, or the start of the day in {@code zone}. */
        Instant start(ZoneId zone) {
            return moment.orElseGet(() -> day.orElseThrow().atStartOfDay(zone).toInstant());
        }

        /** The moment itself, or the start of the next day in {@code zone} (so the day is included). */
        Instant end(ZoneId zone) {
            return moment.orElseGet(() -> day.orElseThrow().plusDays(1).atStartOfDay(zone).toInstant());
        }
    }

    /** Whether a bound is a business day, i.e. whether {@link #in(ZoneId)} needs the business time zone at all. */
    public boolean namesADay() {
        return from.flatMap(Bound::day).isPresent() || to.flatMap(Bound::day).isPresent();
    }

    /** The filter of the sales list, with each day resolved to its moments in the business time zone {@code zone}. */
    public SalesFilter in(ZoneId zone) {
        return new SalesFilter(status, from.map(b -> b.start(zone)), to.map(b -> b.end(zone)), prefix, tags);
    }
}

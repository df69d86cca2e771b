package io.invitehub.application.exports.view;

import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The filters of an export, as the matching list takes them: {@code status} (a constant name of the kind's
 * status type), {@code from}/{@code to} ({@code created_at} in {@code [from, to)}), {@code q} (an e-mail or
 * code prefix), {@code tags} (customers carrying all of them, normalised), {@code period} (a statement
 * month) and {@code kinds} (ledger entry kinds, any of them: constant names of {@code LedgerKind}). Empty parts
 * filter nothing.
 */
public record ExportFilter(Optional<String> status, Optional<Instant> from, Optional<Instant> to, Optional<String> q,
                           List<String> tags, Optional<YearMonth> period, List<String> kinds) {
    public static final ExportFilter NONE = new ExportFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), List.of(), Optional.empty(), List.of());

    /** The parts a filter has, each named as its query parameter. */
    public enum Part { STATUS, FROM, TO, Q, TAG, PERIOD, KIND }

    /** A filter without entry kinds (every export but the ledger's). */
    public ExportFilter(Optional<String> status, Optional<Instant> from, Optional<Instant> to, Optional<String> q,
                        List<String> tags, Optional<YearMonth> period) {
        this(status, from, to, q, tags, period, List.of());
    }

    public ExportFilter {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        q = q.map(String::strip).filter(p -> !p.isEmpty());
        tags = List.copyOf(tags);
        Objects.requireNonNull(period, "period");
        kinds = kinds.stream().distinct().toList();
    }

    /** The parts given. */
    public Set<Part> given() {
        Set<Part> given = EnumSet.noneOf(Part.class);
        status.ifPresent(s -> given.add(Part.STATUS));
        from.ifPresent(s -> given.add(Part.FROM));
        to.ifPresent(s -> given.add(Part.TO));
        q.ifPresent(s -> given.add(Part.Q));
        if (!tags.isEmpty()) {
            given.add(Part.TAG);
        }
        period.ifPresent(s -> given.add(Part.PERIOD));
        if (!kinds.isEmpty()) {
            given.add(Part.KIND);
        }
        return given;
    }
}

package io.invitehub.adapter.out.persistence.reference;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;

/**
 * One row of a reference table, every value as the text the JDBC driver gives for it. The getters
 * read the reference's dialects and ages alike (docs/operations.md): an absent column is NULL, booleans
 * are {@code true/false}, {@code t/f} or {@code 1/0} (old SQLite rows hold the text {@code 'true'}),
 * enum labels are compared in lower case (old SQLite rows hold {@code 'SUCCESS'}), timestamps are naive
 * UTC ({@code yyyy-MM-dd HH:mm:ss[.ffffff]}, also with {@code T}) and become instants.
 * A value that cannot be read throws {@link BadValue}, which the planner turns into a reported row.
 */
final class SourceRow {
    private static final DateTimeFormatter NAIVE = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private final String table;
    private final Map<String, String> values;

    SourceRow(String table, Map<String, String> values) {
        this.table = table;
        this.values = values;
    }

    /** A value the importer cannot read; the message names the column, never a secret value. */
    static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message);
        }
    }

    String table() {
        return table;
    }

    long id() {
        Long id = integer("id");
        if (id == null) {
            throw new BadValue("id is missing");
        }
        return id;
    }

    /** The text of a column; null when the column is absent or NULL. */
    String text(String column) {
        return values.get(column);
    }

    /** The trimmed text, or null when absent, NULL or blank. */
    String trimmed(String column) {
        String v = values.get(column);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** An enum label in lower case, or null. */
    String label(String column) {
        String v = trimmed(column);
        return v == null ? null : v.toLowerCase(Locale.ROOT);
    }

    Long integer(String column) {
        String v = trimmed(column);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            try {
                // SQLite may hand back 5.0 for a number written through a REAL affinity
                double d = Double.parseDouble(v);
                if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                    return (long) d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new BadValue(column + " is not a whole number");
        }
    }

    int integerOr(String column, int fallback) {
        Long v = integer(column);
        if (v == null) {
            return fallback;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new BadValue(column + " is out of range");
        }
        return v.intValue();
    }

    Boolean bool(String column) {
        String v = label(column);
        if (v == null) {
            return null;
        }
        switch (v) {
            case "1": case "true": case "t": case "yes": case "y": case "on":
                return Boolean.TRUE;
            case "0": case "false": case "f": case "no": case "n": case "off":
                return Boolean.FALSE;
            default:
                throw new BadValue(column + " is not a boolean");
        }
    }

    boolean boolOr(String column, boolean fallback) {
        Boolean v = bool(column);
        return v == null ? fallback : v;
    }

    /** A naive UTC timestamp (the reference's datetime.utcnow()) as an instant; null when absent. */
    Instant time(String column) {
        String v = trimmed(column);
        if (v == null) {
            return null;
        }
        try {
            if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(v.replace(' ', 'T').replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2")).toInstant();
            }
            var parsed = NAIVE.parseBest(v, LocalDateTime::from, LocalDate::from);
            LocalDateTime local = parsed instanceof LocalDate ? ((LocalDate) parsed).atStartOfDay() : (LocalDateTime) parsed;
            return local.toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new BadValue(column + " is not a timestamp");
        }
    }
}

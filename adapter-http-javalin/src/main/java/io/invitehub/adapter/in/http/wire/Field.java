package io.invitehub.adapter.in.http.wire;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One input a route reads (a path parameter, a query parameter or a body field), with the shape its value
 * must have before anything behind the edge sees it (ADR 33). Every string is refused when it holds a NUL
 * or any other control character or an unpaired surrogate, and when it is longer than the column it lands
 * in; e-mails, codes and tokens are printable only; numbers are whole and in range; timestamps lie
 * between {@link #EARLIEST} and {@link #LATEST}. A refusal is an {@link InvalidInput} naming the field.
 *
 * <p>A value is read from JSON ({@link #check(JsonNode)}: the JSON type must match, {@code null} is the
 * same as absent) or from text ({@link #check(String)}: the path, the query string or a form).
 */
public final class Field {
    /** The first day a date may name: nothing in InviteHub happened before. */
    public static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);
    /** The last day a date may name; PostgreSQL goes much further, no client needs to. */
    public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    /** The earliest instant a timestamp may name: the start of {@link #FIRST_DAY}. */
    public static final Instant EARLIEST = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    /** The latest instant a timestamp may name: the end of {@link #LAST_DAY} (a {@code to} date of that day ends there). */
    public static final Instant LATEST = LAST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    /** What kind of value a field holds; the fuzz test and docs/api.md read it. */
    public enum Kind {
        /** One line of text: no control character at all. */
        TEXT,
        /** Free text (notes, reasons, descriptions, credentials): tab, line feed and carriage return allowed, no other control character. */
        PROSE,
        /** An e-mail address: printable, no blank inside, at most 254 characters once trimmed. */
        EMAIL,
        /** A redeem code as people type it: printable, blanks and hyphens allowed. */
        CODE,
        /** A machine token (order number, cursor, verification code, UUID…): printable ASCII, no blank. */
        TOKEN,
        /** A whole number in a range. */
        INTEGER,
        /** A list of ids. */
        IDS,
        BOOLEAN,
        /** A decimal amount as a string in major units ({@code "12.50"}). */
        DECIMAL,
        /** An ISO-8601 timestamp with offset, or a date. */
        TIMESTAMP,
        /** One of a fixed set of names (an enum), case-insensitively, {@code -} for {@code _}. */
        CHOICE
    }

    private static final Pattern WHOLE = Pattern.compile("^[+-]?[0-9]{1,19}$");
    private static final Pattern DECIMAL_SHAPE = Pattern.compile("^[0-9]{1,13}(\\.[0-9]{1,4})?$");
    /** The longest redeem code as typed: 40 characters, hyphens between groups of 4, and a few blanks around. */
    static final int MAX_TYPED_CODE = 64;
    static final int MAX_EMAIL = 254;

    private final String name;
    private final String label;
    private final String shapeName;
    private final String example;
    private final Kind kind;
    private final int maxLength;
    private final long min;
    private final long max;
    private final List<String> choices;
    private final Optional<Pattern> pattern;

    private Field(String name, Kind kind, int maxLength, long min, long max, List<String> choices, Optional<Pattern> pattern) {
        this(name, name, "", "", kind, maxLength, min, max, choices, pattern);
    }

    private Field(String name, String label, String shapeName, String example, Kind kind, int maxLength, long min, long max,
                  List<String> choices, Optional<Pattern> pattern) {
        this.name = Objects.requireNonNull(name, "name");
        this.label = Objects.requireNonNull(label, "label");
        this.shapeName = Objects.requireNonNull(shapeName, "shapeName");
        this.example = Objects.requireNonNull(example, "example");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.maxLength = maxLength;
        this.min = min;
        this.max = max;
        this.choices = List.copyOf(choices);
        this.pattern = pattern;
    }

    // ---- declarations -----------------------------------------------------------------------------

    /** One line of text, at most {@code maxLength} characters. */
    public static Field text(String name, int maxLength) {
        return new Field(name, Kind.TEXT, positive(maxLength), 0, 0, List.of(), Optional.empty());
    }

    /** Free text over lines, at most {@code maxLength} characters. */
    public static Field prose(String name, int maxLength) {
        return new Field(name, Kind.PROSE, positive(maxLength), 0, 0, List.of(), Optional.empty());
    }

    public static Field email(String name) {
        return new Field(name, Kind.EMAIL, MAX_EMAIL, 0, 0, List.of(), Optional.empty());
    }

    public static Field code(String name) {
        return new Field(name, Kind.CODE, MAX_TYPED_CODE, 0, 0, List.of(), Optional.empty());
    }

    /** Printable ASCII without blanks, at most {@code maxLength} characters. */
    public static Field token(String name, int maxLength) {
        return new Field(name, Kind.TOKEN, positive(maxLength), 0, 0, List.of(), Optional.empty());
    }

    /** A token of a fixed {@code shape}, described as {@code shapeName} ("a UUID") in the refusal; {@code example} fits it. */
    public static Field token(String name, int maxLength, Pattern shape, String shapeName, String example) {
        if (!shape.matcher(example).matches()) {
            throw new IllegalArgumentException("the example does not fit the shape");
        }
        return new Field(name, name, shapeName, example, Kind.TOKEN, positive(maxLength), 0, 0, List.of(), Optional.of(shape));
    }

    /** This field, named {@code label} in the refusal's message ("distributor id" for the path's {@code id}); the problem's {@code field} stays its name. */
    public Field labelled(String label) {
        return new Field(name, label, shapeName, example, kind, maxLength, min, max, choices, pattern);
    }

    /** A whole number from {@code min} to {@code max}. */
    public static Field integer(String name, long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("min > max");
        }
        return new Field(name, Kind.INTEGER, 20, min, max, List.of(), Optional.empty());
    }

    /** A positive id (a {@code bigint} key). */
    public static Field id(String name) {
        return integer(name, 1, Long.MAX_VALUE);
    }

    /** A JSON array of 1 to {@code maxCount} positive ids. */
    public static Field ids(String name, int maxCount) {
        return new Field(name, Kind.IDS, 20, 1, positive(maxCount), List.of(), Optional.empty());
    }

    public static Field bool(String name) {
        return new Field(name, Kind.BOOLEAN, 5, 0, 0, List.of(), Optional.empty());
    }

    /** A non-negative decimal string in major units; the handler checks the currency's digits and bounds. */
    public static Field decimal(String name) {
        return new Field(name, Kind.DECIMAL, 18, 0, 0, List.of(), Optional.empty());
    }

    /** A timestamp with offset or a date, from {@link #EARLIEST} to {@link #LATEST}. */
    public static Field timestamp(String name) {
        return new Field(name, Kind.TIMESTAMP, 64, 0, 0, List.of(), Optional.empty());
    }

    /** One of the constants of {@code type}, by name. */
    public static <E extends Enum<E>> Field choice(String name, Class<E> type) {
        return new Field(name, Kind.CHOICE, 40, 0, 0,
                Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.toList()), Optional.empty());
    }

    private static int positive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a bound must be positive");
        }
        return n;
    }

    // ---- what tools read --------------------------------------------------------------------------

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** The longest string accepted (for {@link Kind#IDS}: the most ids). */
    public int maxLength() {
        return kind == Kind.IDS ? (int) max : maxLength;
    }

    /** The smallest whole number accepted ({@link Kind#INTEGER}). */
    public long min() {
        return min;
    }

    /** The largest whole number accepted ({@link Kind#INTEGER}). */
    public long max() {
        return max;
    }

    /** The names accepted ({@link Kind#CHOICE}). */
    public List<String> choices() {
        return choices;
    }

    /** A value this field admits, as text (for {@link Kind#IDS}: one id), for tools such as the fuzz test. */
    public String example() {
        switch (kind) {
            case EMAIL: return "someone@example.com";
            case CODE: return "HUB2-7KQ3-M9XH-2RTW";
            case TOKEN: return example.isEmpty() ? "token" : example;
            case INTEGER: return Long.toString(Math.max(min, Math.min(max, 1)));
            case IDS: return "1";
            case BOOLEAN: return "true";
            case DECIMAL: return "1.00";
            case TIMESTAMP: return "2026-01-01";
            case CHOICE: return choices.get(0).toLowerCase(Locale.ROOT);
            default: return "text";
        }
    }

    /** Whether the value is a string (in JSON a string, in the query or a form any text). */
    public boolean isString() {
        return kind != Kind.INTEGER && kind != Kind.IDS && kind != Kind.BOOLEAN;
    }

    @Override
    public String toString() {
        return name + ":" + kind;
    }

    // ---- checks -----------------------------------------------------------------------------------

    /** Checks a JSON value; {@code null} (or a JSON null) is absent and passes: the handler decides whether it is required. */
    public void check(JsonNode value) {
        if (value == null || value.isNull()) {
            return;
        }
        switch (kind) {
            case INTEGER:
                if (!value.isIntegralNumber()) {
                    throw refused(isId() ? "must be a positive number, not " + jsonType(value)
                            : "must be a whole number, not " + (value.isNumber() ? "a fraction" : jsonType(value)));
                }
                if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
                    throw outOfRange();
                }
                return;
            case IDS:
                if (!value.isArray()) {
                    throw refused("must be an array of ids, not " + jsonType(value));
                }
                if (value.size() < 1 || value.size() > max) {
                    throw refused("must hold 1 to " + max + " ids");
                }
                for (int i = 0; i < value.size(); i++) {
                    JsonNode id = value.get(i);
                    if (!id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() < 1) {
                        throw refused("must hold positive whole numbers only (item " + i + " is not)");
                    }
                }
                return;
            case BOOLEAN:
                if (!value.isBoolean()) {
                    throw refused("must be true or false, not " + jsonType(value));
                }
                return;
            default:
                if (!value.isTextual()) {
                    throw refused("must be a string, not " + jsonType(value));
                }
                check(value.textValue());
        }
    }

    /** Checks a value given as text (a path or query parameter, a form field); {@code null} is absent and passes. */
    public void check(String raw) {
        if (raw == null) {
            return;
        }
        switch (kind) {
            case INTEGER:
                if (!WHOLE.matcher(raw).matches()) {
                    throw isId() ? outOfRange() : refused("must be a whole number");
                }
                long value;
                try {
                    value = Long.parseLong(raw);
                } catch (NumberFormatException tooLarge) {
                    throw outOfRange();
                }
                if (value < min || value > max) {
                    throw outOfRange();
                }
                return;
            case BOOLEAN:
                if (!raw.equals("true") && !raw.equals("false")) {
                    throw refused("must be true or false");
                }
                return;
            case IDS:
                throw refused("must be a JSON array of ids");
            default:
                checkString(raw);
        }
    }

    private void checkString(String raw) {
        boolean lines = kind == Kind.PROSE;
        String bad = Characters.firstRefused(raw, lines);
        if (bad != null) {
            throw refused("must not contain " + bad);
        }
        switch (kind) {
            case EMAIL:
                String email = raw.strip();
                if (email.length() > MAX_EMAIL || raw.length() > 2 * MAX_EMAIL) {
                    throw refused("must have at most " + MAX_EMAIL + " characters");
                }
                String notPrintable = Characters.firstNotPrintable(email, true);
                if (notPrintable != null) {
                    throw refused("must be printable, without " + notPrintable);
                }
                return;
            case CODE:
                lengthAtMost(raw);
                String inCode = Characters.firstNotPrintable(raw, true);
                if (inCode != null) {
                    throw refused("must be printable, without " + inCode);
                }
                return;
            case TOKEN:
                lengthAtMost(raw);
                for (int i = 0; i < raw.length(); i++) {
                    char c = raw.charAt(i);
                    if (c <= ' ' || c > '~') {
                        throw refused("must be printable ASCII without blanks");
                    }
                }
                if (pattern.isPresent() && !pattern.get().matcher(raw).matches()) {
                    throw refused("must be " + shapeName);
                }
                return;
            case DECIMAL:
                if (!DECIMAL_SHAPE.matcher(raw.strip()).matches()) {
                    throw refused("must be a non-negative decimal string such as \"12.50\"");
                }
                return;
            case TIMESTAMP:
                lengthAtMost(raw);
                HttpRequests.moment(raw, name, false);
                return;
            case CHOICE:
                lengthAtMost(raw);
                String normal = raw.strip().toUpperCase(Locale.ROOT).replace('-', '_');
                if (!choices.contains(normal)) {
                    throw refused("must be one of " + choices.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
                }
                return;
            default:
                lengthAtMost(raw);
        }
    }

    private void lengthAtMost(String raw) {
        if (raw.length() > maxLength) {
            throw refused("must have at most " + maxLength + " characters");
        }
    }

    private boolean isId() {
        return kind == Kind.INTEGER && min == 1 && max == Long.MAX_VALUE;
    }

    private InvalidInput outOfRange() {
        return isId() ? refused("must be a positive number") : refused("must be between " + min + " and " + max);
    }

    private InvalidInput refused(String problem) {
        return new InvalidInput(name, label + " " + problem);
    }

    static String jsonType(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isObject()) {
            return "an object";
        }
        return "null";
    }
}

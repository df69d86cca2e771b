package io.invitehub.application.exports.view;

import io.invitehub.domain.shared.Money;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One cell of an exported row: text (written as given, but neutralised against formula injection by the
 * writer), or a number (whole, or an amount in major units), written as it is so spreadsheets keep it a
 * number. Empty for an absent value.
 */
public record ExportCell(boolean number, String value) {
    private static final ExportCell EMPTY = new ExportCell(false, "");

    public ExportCell {
        Objects.requireNonNull(value, "value");
    }

    public static ExportCell text(String value) {
        return value == null ? EMPTY : new ExportCell(false, value);
    }

    public static ExportCell text(Optional<String> value) {
        return text(value.orElse(null));
    }

    public static ExportCell number(long value) {
        return new ExportCell(true, Long.toString(value));
    }

    public static ExportCell number(Long value) {
        return value == null ? EMPTY : number(value.longValue());
    }

    /** An amount in major units with the currency's digits ({@code 12.50}, {@code -3.00}): a number. */
    public static ExportCell amount(Money money) {
        return new ExportCell(true, money.toMajor().toPlainString());
    }

    /** An instant as ISO-8601 in UTC ({@code 2026-11-24T19:00:00Z}). */
    public static ExportCell time(Instant instant) {
        return instant == null ? EMPTY : new ExportCell(false, instant.toString());
    }

    public static ExportCell bool(boolean value) {
        return new ExportCell(false, Boolean.toString(value));
    }

    public static ExportCell empty() {
        return EMPTY;
    }
}

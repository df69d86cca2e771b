package io.invitehub.domain.order;

import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.Money;

import java.util.Objects;
import java.util.Optional;

/**
 * What a plan sells and for how much; validated here for create and update alike. {@code codeCount}
 * codes per pack, each with {@code codeMaxUses} uses (0 = unlimited) and {@code validityDays} of membership.
 */
public record PlanSpec(String name, PlanType type, Money price, Optional<Money> originalPrice, int codeCount,
                       int codeMaxUses, int validityDays, boolean active, boolean recommended, int sortOrder,
                       Optional<String> description) {
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_CODE_COUNT = 100_000;
    public static final int MAX_CODE_USES = 10_000;
    /** The dearest pack: 1 000 000.00 in minor units; price × quantity (at most 100) stays far inside a long. */
    public static final long MAX_PRICE_MINOR = 100_000_000L;

    public PlanSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(originalPrice, "originalPrice");
        name = name == null ? "" : name.strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw invalid("name is required (at most " + MAX_NAME + " characters)");
        }
        if (price.isNegative()) {
            throw invalid("price must not be negative");
        }
        if (price.minorUnits() > MAX_PRICE_MINOR) {
            throw invalid("price must be at most " + Money.ofMinor(MAX_PRICE_MINOR, price.currency()).toMajor().toPlainString());
        }
        if (originalPrice.filter(Money::isNegative).isPresent()) {
            throw invalid("original_price must not be negative");
        }
        if (originalPrice.filter(p -> p.minorUnits() > MAX_PRICE_MINOR).isPresent()) {
            throw invalid("original_price must be at most " + Money.ofMinor(MAX_PRICE_MINOR, price.currency()).toMajor().toPlainString());
        }
        if (originalPrice.filter(p -> !p.currency().equals(price.currency())).isPresent()) {
            throw invalid("original_price must be in the currency of price");
        }
        if (codeCount < 1 || codeCount > MAX_CODE_COUNT) {
            throw invalid("code_count must be between 1 and " + MAX_CODE_COUNT);
        }
        if (codeMaxUses < 0 || codeMaxUses > MAX_CODE_USES) {
            throw invalid("code_max_uses must be between 0 (unlimited) and " + MAX_CODE_USES);
        }
        if (validityDays < 1 || validityDays > CodeTerms.MAX_VALIDITY_DAYS) {
            throw invalid("validity_days must be between 1 and " + CodeTerms.MAX_VALIDITY_DAYS);
        }
        description = description.map(String::strip).filter(d -> !d.isEmpty());
        if (description.filter(d -> d.length() > MAX_DESCRIPTION).isPresent()) {
            throw invalid("description is longer than " + MAX_DESCRIPTION + " characters");
        }
    }

    private static DomainException invalid(String message) {
        return DomainException.invalid(ErrorCode.VALIDATION_FAILED, message);
    }
}

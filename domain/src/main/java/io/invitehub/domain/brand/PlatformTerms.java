package io.invitehub.domain.brand;

import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;
import io.invitehub.domain.shared.Money;

import java.time.Duration;
import java.util.Objects;

/**
 * The platform's commercial settings an ADMIN changes at runtime (ADR 51): the default settlement price (the unit
 * price per accepted invitation of distributors without their own, SPEC section 5) and the payment window of a new
 * order (an order not paid within it expires).
 */
public record PlatformTerms(Money defaultUnitPrice, Duration paymentWindow) {
    /** A price above 1,000,000.00 is a typo, not a price. */
    public static final long MAX_UNIT_PRICE_MINOR = 100_000_000L;
    public static final Duration MIN_PAYMENT_WINDOW = Duration.ofMinutes(1);
    public static final Duration MAX_PAYMENT_WINDOW = Duration.ofHours(24);

    public PlatformTerms {
        Objects.requireNonNull(defaultUnitPrice, "defaultUnitPrice");
        Objects.requireNonNull(paymentWindow, "paymentWindow");
        if (defaultUnitPrice.isNegative() || defaultUnitPrice.minorUnits() > MAX_UNIT_PRICE_MINOR) {
            throw MalformedInputException.field(ErrorCode.VALIDATION_FAILED, "default_unit_price",
                    "default_unit_price must be between 0 and " + Money.ofMinor(MAX_UNIT_PRICE_MINOR, defaultUnitPrice.currency()).toMajor());
        }
        if (paymentWindow.compareTo(MIN_PAYMENT_WINDOW) < 0 || paymentWindow.compareTo(MAX_PAYMENT_WINDOW) > 0) {
            throw MalformedInputException.field(ErrorCode.VALIDATION_FAILED, "payment_window_minutes",
                    "payment_window_minutes must be between " + MIN_PAYMENT_WINDOW.toMinutes() + " and " + MAX_PAYMENT_WINDOW.toMinutes());
        }
    }
}

package io.invitehub.adapter.in.http.wire;

import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;
import io.invitehub.domain.shared.Money;

import java.math.BigDecimal;
import java.util.Currency;

/** Money on the wire: a decimal string in major units with the currency's digits ({@code "12.50"}), never a float. */
public final class Amounts {
    private Amounts() {
    }

    public static String text(Money money) {
        return money.toMajor().toPlainString();
    }

    /** A decimal string in major units ({@code "12.50"}) with at most the currency's digits, not negative; 400 naming {@code field} otherwise. */
    public static Money parse(String raw, String field, Currency currency) {
        try {
            BigDecimal value = new BigDecimal(raw.strip());
            if (value.stripTrailingZeros().scale() > currency.getDefaultFractionDigits() || value.signum() < 0) {
                throw MalformedInputException.field(ErrorCode.VALIDATION_FAILED, field,
                        field + " must be a non-negative amount with at most " + currency.getDefaultFractionDigits() + " decimals");
            }
            return Money.ofMinor(value.movePointRight(currency.getDefaultFractionDigits()).longValueExact(), currency);
        } catch (NumberFormatException | ArithmeticException e) {
            throw MalformedInputException.field(ErrorCode.VALIDATION_FAILED, field, field + " must be a decimal string such as \"12.50\"");
        }
    }
}

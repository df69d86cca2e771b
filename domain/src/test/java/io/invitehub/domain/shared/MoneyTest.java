package io.invitehub.domain.shared;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {
    private static final Currency JPY = Currency.getInstance("JPY");

    @Test
    void addsAmountsOfTheSameCurrency() {
        assertThat(Money.ofMinor(1250, Money.CNY).plus(Money.ofMinor(75, Money.CNY))).isEqualTo(new Money(1325, Money.CNY));
    }

    @Test
    void multiplies() {
        assertThat(Money.ofMinor(990, Money.CNY).times(3)).isEqualTo(Money.ofMinor(2970, Money.CNY));
        assertThat(Money.ofMinor(990, Money.CNY).times(0)).isEqualTo(Money.zero(Money.CNY));
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatThrownBy(() -> Money.ofMinor(1, Money.CNY).plus(Money.ofMinor(1, JPY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("currency mismatch: CNY vs JPY");
    }

    @Test
    void overflowIsAnErrorNotAWrapAround() {
        assertThatThrownBy(() -> Money.ofMinor(Long.MAX_VALUE, Money.CNY).plus(Money.ofMinor(1, Money.CNY)))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofMinor(Long.MAX_VALUE / 2 + 1, Money.CNY).times(2))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void majorUnitsUseTheCurrencyFractionDigits() {
        assertThat(Money.ofMinor(1250, Money.CNY).toMajor()).isEqualTo(new BigDecimal("12.50"));
        assertThat(Money.ofMinor(5, Money.CNY).toString()).isEqualTo("0.05 CNY");
        assertThat(Money.ofMinor(1250, JPY).toString()).isEqualTo("1250 JPY");
        assertThat(Money.ofMinor(-199, Money.CNY).toString()).isEqualTo("-1.99 CNY");
    }

    @Test
    void knowsWhetherItIsNegative() {
        assertThat(Money.ofMinor(-1, Money.CNY).isNegative()).isTrue();
        assertThat(Money.zero(Money.CNY).isNegative()).isFalse();
        assertThat(Money.zero(Money.CNY).minorUnits()).isZero();
    }

    @Test
    void requiresACurrency() {
        assertThatThrownBy(() -> Money.ofMinor(1, null)).isInstanceOf(NullPointerException.class).hasMessage("currency");
    }
}

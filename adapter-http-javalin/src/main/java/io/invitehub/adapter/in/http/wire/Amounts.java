package io.invitehub.adapter.in.http.wire;

import io.invitehub.domain.shared.Money;

/** Money on the wire: a decimal string in major units with the currency's digits ({@code "12.50"}), never a float. */
public final class Amounts {
    private Amounts() {
    }

    public static String text(Money money) {
        return money.toMajor().toPlainString();
    }
}

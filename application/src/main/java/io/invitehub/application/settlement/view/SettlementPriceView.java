package io.invitehub.application.settlement.view;

import java.util.Objects;
import java.util.Optional;

/**
 * A distributor's settlement price (ADR 37) as the charge trigger takes it: its own ({@code users.unit_price_minor}),
 * else the platform's default (the one an ADMIN stored on the Settings page, else the configuration's), in minor units of
 * the settlement currency.
 */
public record SettlementPriceView(Optional<Long> ownMinor, long platformDefaultMinor, String currency) {
    public SettlementPriceView {
        Objects.requireNonNull(ownMinor, "ownMinor");
        Objects.requireNonNull(currency, "currency");
    }

    /** The price the next acceptance on a granted code is charged at. */
    public long effectiveMinor() {
        return ownMinor.orElse(platformDefaultMinor);
    }
}

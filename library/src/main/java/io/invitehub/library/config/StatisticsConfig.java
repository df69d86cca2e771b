package io.invitehub.library.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;

/**
 * docs/configuration.md, "Statistics": the zone whose days statistics count in, the platform unit price
 * and the currency of every amount, and how often the statistics upkeep runs.
 */
public record StatisticsConfig(ZoneId businessTimeZone, long defaultUnitPriceMinor, Currency currency, Duration maintenanceInterval) {

    static StatisticsConfig read(EnvironmentReader r) {
        return new StatisticsConfig(
                r.zone("INVITEHUB_BUSINESS_TIME_ZONE", ZoneId.of("Asia/Shanghai")),
                r.longInteger("INVITEHUB_DEFAULT_UNIT_PRICE_MINOR", 0, 0, Long.MAX_VALUE / 1_000_000_000L),
                r.currency("INVITEHUB_CURRENCY", Currency.getInstance("CNY")),
                r.duration("INVITEHUB_MAINTENANCE_INTERVAL", Duration.ofHours(1)));
    }
}

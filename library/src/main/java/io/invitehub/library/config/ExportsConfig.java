package io.invitehub.library.config;

import java.time.Duration;

/**
 * docs/configuration.md, "Exports and settlement": how many exports a user may start a minute, how long a signed
 * download link lives, and how often the settlement job looks for months that ended.
 */
public record ExportsConfig(int perUserPerMinute, Duration linkTtl, Duration settlementInterval) {

    static ExportsConfig read(EnvironmentReader r) {
        Duration ttl = r.duration("INVITEHUB_EXPORT_LINK_TTL", Duration.ofMinutes(5));
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofHours(24)) > 0) {
            throw new ConfigurationException("INVITEHUB_EXPORT_LINK_TTL must be positive and at most 24h, not " + ttl);
        }
        return new ExportsConfig(r.integer("INVITEHUB_EXPORTS_PER_USER_PER_MINUTE", 6, 1, 100_000), ttl,
                r.positiveDuration("INVITEHUB_SETTLEMENT_INTERVAL", Duration.ofHours(1)));
    }
}

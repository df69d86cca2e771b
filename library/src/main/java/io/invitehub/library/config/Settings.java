package io.invitehub.library.config;

import java.util.Map;

/**
 * Everything the service reads from its environment, parsed and validated once at start, one record per
 * section of docs/configuration.md (where every variable is documented). An invalid value stops the
 * start with a message naming the variable. {@code demo}: create demo teams, a distributor and codes on
 * the first start.
 */
public record Settings(DatabaseConfig database, HttpConfig http, AccountsConfig accounts, RedemptionConfig redemption,
                       RecipientsConfig recipients, RedisConfig redis, StatisticsConfig statistics, DispatchConfig dispatch,
                       LifecycleConfig lifecycle, SyncConfig sync, ShopConfig shop, ProviderConfig provider, ExportsConfig exports,
                       SiteConfig site, boolean demo, ObservabilityConfig observability, MailConfig mail, WebhookConfig webhooks) {

    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    public static Settings from(Map<String, String> env) {
        EnvironmentReader r = new EnvironmentReader(env);
        DatabaseConfig database = DatabaseConfig.read(r);
        boolean embedded = database.embedded();
        return new Settings(
                database,
                HttpConfig.read(r),
                AccountsConfig.read(r),
                RedemptionConfig.read(r),
                RecipientsConfig.read(r),
                RedisConfig.read(r),
                StatisticsConfig.read(r),
                DispatchConfig.read(r),
                LifecycleConfig.read(r),
                SyncConfig.read(r),
                ShopConfig.read(r, embedded),
                ProviderConfig.read(r, embedded),
                ExportsConfig.read(r),
                SiteConfig.read(r),
                r.bool("INVITEHUB_DEMO", embedded),
                ObservabilityConfig.read(r),
                MailConfig.read(r),
                WebhookConfig.read(r));
    }

    /**
     * The settings of an embedding service ({@code InviteHubLibrary}): the same names and defaults as the
     * service's environment (docs/configuration.md), read from {@code values}. The database, HTTP, Redis and
     * provider sections do not apply (the caller brings its DataSource, team provider and shared ports);
     * the payment gateway defaults to {@code none} and nothing is seeded.
     */
    public static Settings forLibrary(Map<String, String> values) {
        Map<String, String> env = new java.util.HashMap<>(values);
        env.putIfAbsent("INVITEHUB_DB_URL", LIBRARY_DATA_SOURCE);
        env.putIfAbsent("INVITEHUB_TEAM_PROVIDER", ProviderConfig.SIMULATED);
        env.put("INVITEHUB_DEMO", "false");
        return from(env);
    }

    /** What {@link DatabaseConfig#url()} says when the database is an embedding service's own DataSource. */
    static final String LIBRARY_DATA_SOURCE = "jdbc:postgresql://the-embedding-service-data-source/";

    /** True when no external database is configured: the embedded PostgreSQL under the data directory is used. */
    public boolean embeddedDatabase() {
        return database.embedded();
    }

    @Override
    public String toString() {
        return "Settings[" + database + ", http=" + http.host() + ":" + http.port() + ", " + accounts + ", teamProvider="
                + provider.name() + ", " + redis + ", demo=" + demo + ", " + shop + ", " + mail + "]";
    }
}

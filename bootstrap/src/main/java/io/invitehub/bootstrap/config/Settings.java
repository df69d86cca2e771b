package io.invitehub.bootstrap.config;

import io.invitehub.domain.team.AllocationPolicy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the service reads from its environment, parsed and validated once at start. Every
 * variable is documented in docs/configuration.md; an invalid value stops the start with a message
 * naming the variable.
 */
public record Settings(
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        Path dataDir,
        String httpHost,
        int httpPort,
        int httpMaxThreads,
        Set<String> trustedProxies,
        String adminUsername,
        Optional<String> adminPassword,
        AllocationPolicy allocationPolicy,
        int redeemPerAddressPerMinute,
        int redeemPerEmailPerMinute,
        int codeFailuresBeforeLock,
        Duration codeLockDuration,
        int dispatchThreads,
        int dispatchBatchSize,
        int dispatchMaxAttempts,
        Duration dispatchBackoffBase,
        Duration dispatchPollInterval,
        Duration dispatchLease,
        Duration syncInterval,
        int syncThreads,
        Duration syncLease,
        Duration syncRetryBase,
        Duration queuePollInterval,
        String codePrefix,
        int codeRandomLength,
        int bcryptCost,
        Optional<String> jwtSecret,
        Duration jwtTtl,
        Optional<String> secretsKey,
        List<String> secretsPreviousKeys,
        int loginPerMinute,
        boolean demo,
        String teamProvider,
        Duration simulatedAcceptDelay,
        double simulatedErrorRate,
        Duration simulatedMaxLatency,
        URI chatgptBaseUrl,
        Duration chatgptConnectTimeout,
        Duration chatgptRequestTimeout,
        ZoneId businessTimeZone,
        long defaultUnitPriceMinor,
        Currency currency,
        Optional<String> redisUrl,
        Duration redisTimeout,
        String redisKeyPrefix,
        Duration seatsCacheTtl,
        int invitationsPerEmailPerDay,
        Duration reinviteCooldown,
        Duration maintenanceInterval,
        Duration inviteTimeout,
        int rebindWindowDays,
        Duration lifecycleInterval,
        int lifecycleBatchSize,
        int removalMaxAttempts,
        Duration removalLease,
        ShopConfig shop) {

    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_JWT_SECRET_BYTES = 32;

    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    public static Settings from(Map<String, String> env) {
        Reader r = new Reader(env);
        Optional<String> dbUrl = r.optional("INVITEHUB_DB_URL");
        r.optional("INVITEHUB_ADMIN_PASSWORD").filter(p -> p.length() < 8).ifPresent(p -> {
            throw new ConfigurationException("INVITEHUB_ADMIN_PASSWORD must have at least 8 characters");
        });
        return new Settings(
                dbUrl,
                r.string("INVITEHUB_DB_USER", "postgres"),
                r.string("INVITEHUB_DB_PASSWORD", ""),
                r.integer("INVITEHUB_DB_POOL_SIZE", 16, 1, 500),
                Path.of(r.string("INVITEHUB_DATA_DIR", "data")),
                r.string("INVITEHUB_HTTP_HOST", "127.0.0.1"),
                r.integer("INVITEHUB_HTTP_PORT", 8080, 0, 65535),
                r.integer("INVITEHUB_HTTP_MAX_THREADS", 64, 8, 1000),
                r.trustedProxies("INVITEHUB_TRUSTED_PROXIES"),
                r.string("INVITEHUB_ADMIN_USERNAME", "admin"),
                r.optional("INVITEHUB_ADMIN_PASSWORD"),
                r.policy("INVITEHUB_ALLOCATION_POLICY", AllocationPolicy.FILL_FIRST),
                r.integer("INVITEHUB_REDEEM_PER_ADDRESS_PER_MINUTE", 5, 1, 1_000_000),
                r.integer("INVITEHUB_REDEEM_PER_EMAIL_PER_MINUTE", 5, 1, 1_000_000),
                r.integer("INVITEHUB_CODE_FAILURES_BEFORE_LOCK", 10, 1, 1_000_000),
                r.duration("INVITEHUB_CODE_LOCK_DURATION", Duration.ofMinutes(15)),
                r.integer("INVITEHUB_DISPATCH_THREADS", 2, 1, 64),
                r.integer("INVITEHUB_DISPATCH_BATCH_SIZE", 50, 1, 1000),
                r.integer("INVITEHUB_DISPATCH_MAX_ATTEMPTS", 5, 1, 100),
                r.duration("INVITEHUB_DISPATCH_BACKOFF_BASE", Duration.ofSeconds(2)),
                r.duration("INVITEHUB_DISPATCH_POLL_INTERVAL", Duration.ofSeconds(2)),
                r.duration("INVITEHUB_DISPATCH_LEASE", Duration.ofMinutes(2)),
                r.positiveDuration("INVITEHUB_SYNC_INTERVAL", Duration.ofMinutes(3)),
                r.integer("INVITEHUB_SYNC_THREADS", 2, 1, 64),
                r.positiveDuration("INVITEHUB_SYNC_LEASE", Duration.ofMinutes(2)),
                r.positiveDuration("INVITEHUB_SYNC_RETRY_BASE", Duration.ofSeconds(15)),
                r.positiveDuration("INVITEHUB_QUEUE_POLL_INTERVAL", Duration.ofSeconds(5)),
                r.string("INVITEHUB_CODE_PREFIX", "HUB"),
                r.integer("INVITEHUB_CODE_LENGTH", 12, 8, 32),
                r.integer("INVITEHUB_BCRYPT_COST", 10, 4, 16),
                r.secret("INVITEHUB_JWT_SECRET", MIN_JWT_SECRET_BYTES),
                r.duration("INVITEHUB_JWT_TTL", Duration.ofMinutes(60)),
                r.secretsKey("INVITEHUB_SECRETS_KEY"),
                r.secretsKeys("INVITEHUB_SECRETS_PREVIOUS_KEYS"),
                r.integer("INVITEHUB_LOGIN_PER_MINUTE", 5, 1, 1_000_000),
                r.bool("INVITEHUB_DEMO", dbUrl.isEmpty()),
                r.teamProvider(dbUrl.isEmpty()),
                r.duration("INVITEHUB_SIM_ACCEPT_DELAY", Duration.ofSeconds(30)),
                r.probability("INVITEHUB_SIM_ERROR_RATE", 0.0),
                r.duration("INVITEHUB_SIM_MAX_LATENCY", Duration.ofMillis(50)),
                r.httpUrl("INVITEHUB_CHATGPT_BASE_URL", URI.create("https://chatgpt.com/backend-api")),
                r.duration("INVITEHUB_CHATGPT_CONNECT_TIMEOUT", Duration.ofSeconds(10)),
                r.duration("INVITEHUB_CHATGPT_REQUEST_TIMEOUT", Duration.ofSeconds(30)),
                r.zone("INVITEHUB_BUSINESS_TIME_ZONE", ZoneId.of("Asia/Shanghai")),
                r.longInteger("INVITEHUB_DEFAULT_UNIT_PRICE_MINOR", 0, 0, Long.MAX_VALUE / 1_000_000_000L),
                r.currency("INVITEHUB_CURRENCY", Currency.getInstance("CNY")),
                r.redisUrl("INVITEHUB_REDIS_URL"),
                r.duration("INVITEHUB_REDIS_TIMEOUT", Duration.ofMillis(250)),
                r.string("INVITEHUB_REDIS_KEY_PREFIX", "invitehub:"),
                r.duration("INVITEHUB_SEATS_CACHE_TTL", Duration.ofSeconds(5)),
                r.integer("INVITEHUB_INVITATIONS_PER_EMAIL_PER_DAY", 3, 1, 1_000_000),
                r.duration("INVITEHUB_REINVITE_COOLDOWN", Duration.ofHours(24)),
                r.duration("INVITEHUB_MAINTENANCE_INTERVAL", Duration.ofHours(1)),
                r.positiveDuration("INVITEHUB_INVITE_TIMEOUT", Duration.ofDays(7)),
                r.integer("INVITEHUB_REBIND_WINDOW_DAYS", 15, 0, 3650),
                r.positiveDuration("INVITEHUB_LIFECYCLE_INTERVAL", Duration.ofMinutes(1)),
                r.integer("INVITEHUB_LIFECYCLE_BATCH_SIZE", 100, 1, 10_000),
                r.integer("INVITEHUB_REMOVAL_MAX_ATTEMPTS", 5, 1, 100),
                r.positiveDuration("INVITEHUB_REMOVAL_LEASE", Duration.ofMinutes(2)),
                ShopConfig.read(r, dbUrl.isEmpty()));
    }

    @Override
    public String toString() {
        return "Settings[db=" + dbUrl.orElse("embedded") + ", http=" + httpHost + ":" + httpPort + ", jwtSecret="
                + (jwtSecret.isPresent() ? "***" : "unset") + ", secretsKey=" + (secretsKey.isPresent() ? "***" : "unset")
                + ", teamProvider=" + teamProvider + ", redis=" + (redisUrl.isPresent() ? "set" : "in-process")
                + ", demo=" + demo + ", " + shop + "]";
    }

    /** True when no external database is configured: the embedded PostgreSQL under {@link #dataDir()} is used. */
    public boolean embeddedDatabase() {
        return dbUrl.isEmpty();
    }

    /** Reads and validates environment variables; every error names its variable. */
    static final class Reader {
        private final Map<String, String> env;

        Reader(Map<String, String> env) {
            this.env = env;
        }

        Optional<String> optional(String name) {
            String value = env.get(name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        /** A secret of at least {@code minBytes} UTF-8 bytes; never echoed in an error. */
        Optional<String> secret(String name, int minBytes) {
            Optional<String> raw = optional(name);
            if (raw.isPresent() && raw.get().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < minBytes) {
                throw new ConfigurationException(name + " must have at least " + minBytes + " bytes");
            }
            return raw;
        }

        String string(String name, String fallback) {
            return optional(name).orElse(fallback);
        }

        int integer(String name, int fallback, int min, int max) {
            Optional<String> raw = optional(name);
            if (raw.isEmpty()) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(raw.get());
                if (value < min || value > max) {
                    throw new ConfigurationException(name + " must be between " + min + " and " + max + ", was " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new ConfigurationException(name + " must be a whole number, was '" + raw.get() + "'");
            }
        }

        long longInteger(String name, long fallback, long min, long max) {
            Optional<String> raw = optional(name);
            if (raw.isEmpty()) {
                return fallback;
            }
            try {
                long value = Long.parseLong(raw.get());
                if (value < min || value > max) {
                    throw new ConfigurationException(name + " must be between " + min + " and " + max + ", was " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new ConfigurationException(name + " must be a whole number, was '" + raw.get() + "'");
            }
        }

        ZoneId zone(String name, ZoneId fallback) {
            Optional<String> raw = optional(name);
            try {
                return raw.map(ZoneId::of).orElse(fallback);
            } catch (java.time.DateTimeException e) {
                throw new ConfigurationException(name + " must be a time zone like Asia/Shanghai, was '" + raw.get() + "'");
            }
        }

        Currency currency(String name, Currency fallback) {
            Optional<String> raw = optional(name);
            try {
                return raw.map(v -> Currency.getInstance(v.toUpperCase(java.util.Locale.ROOT))).orElse(fallback);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(name + " must be an ISO 4217 currency code like CNY, was '" + raw.get() + "'");
            }
        }

        boolean bool(String name, boolean fallback) {
            Optional<String> raw = optional(name);
            if (raw.isEmpty()) {
                return fallback;
            }
            switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
                case "true": case "1": case "yes": case "on":
                    return true;
                case "false": case "0": case "no": case "off":
                    return false;
                default:
                    throw new ConfigurationException(name + " must be true or false, was '" + raw.get() + "'");
            }
        }

        double probability(String name, double fallback) {
            Optional<String> raw = optional(name);
            if (raw.isEmpty()) {
                return fallback;
            }
            try {
                double value = Double.parseDouble(raw.get());
                if (value < 0 || value > 1) {
                    throw new ConfigurationException(name + " must be between 0 and 1, was " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new ConfigurationException(name + " must be a number between 0 and 1, was '" + raw.get() + "'");
            }
        }

        /** ISO-8601 ({@code PT30S}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 7d}. */
        Duration duration(String name, Duration fallback) {
            Optional<String> raw = optional(name);
            if (raw.isEmpty()) {
                return fallback;
            }
            String text = raw.get().toLowerCase(java.util.Locale.ROOT);
            try {
                if (text.startsWith("p")) {
                    return Duration.parse(text.toUpperCase(java.util.Locale.ROOT));
                }
                if (text.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
                }
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                switch (text.charAt(text.length() - 1)) {
                    case 's': return Duration.ofSeconds(amount);
                    case 'm': return Duration.ofMinutes(amount);
                    case 'h': return Duration.ofHours(amount);
                    case 'd': return Duration.ofDays(amount);
                    default: throw new NumberFormatException();
                }
            } catch (RuntimeException e) {
                throw new ConfigurationException(name + " must be a duration like 500ms, 30s, 15m, 2h, 7d or PT30S, was '" + raw.get() + "'");
            }
        }

        /** Addresses and CIDR ranges ({@code 10.0.0.0/8, ::1}); each is checked now. */
        Set<String> trustedProxies(String name) {
            Set<String> entries = set(name);
            try {
                io.invitehub.adapter.in.http.wire.TrustedProxies.parse(entries);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(name + ": " + e.getMessage());
            }
            return entries;
        }

        /** {@code redis://host:port[/db]} or {@code rediss://…}; the value is never echoed (it may hold a password). */
        Optional<String> redisUrl(String name) {
            Optional<String> raw = optional(name);
            raw.ifPresent(url -> {
                java.net.URI uri;
                try {
                    uri = java.net.URI.create(url);
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(name + " must be a URL like redis://host:6379");
                }
                if (!("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new ConfigurationException(name + " must be a URL like redis://host:6379 or rediss://host:6380");
                }
            });
            return raw;
        }

        Duration positiveDuration(String name, Duration fallback) {
            Duration value = duration(name, fallback);
            if (value.isNegative() || value.isZero()) {
                throw new ConfigurationException(name + " must be longer than zero");
            }
            return value;
        }

        Set<String> set(String name) {
            return optional(name).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
        }

        /**
         * {@code simulated} (in memory, nothing is sent) or {@code chatgpt} (the ChatGPT Team admin API,
         * ADR 15). With an external database it must be chosen explicitly, so a production start never
         * tells customers "invited" while nothing is sent.
         */
        String teamProvider(boolean embedded) {
            Optional<String> raw = optional("INVITEHUB_TEAM_PROVIDER");
            if (raw.isEmpty() && embedded) {
                return "simulated";
            }
            if (raw.isEmpty()) {
                throw new ConfigurationException("INVITEHUB_TEAM_PROVIDER is required with an external database: "
                        + "'chatgpt' (the ChatGPT Team admin API) or 'simulated' (no real invitations are sent)");
            }
            String value = raw.get().toLowerCase(java.util.Locale.ROOT);
            if (!value.equals("simulated") && !value.equals("chatgpt")) {
                throw new ConfigurationException("INVITEHUB_TEAM_PROVIDER must be 'chatgpt' or 'simulated', was '" + raw.get() + "'");
            }
            return value;
        }

        /** Base64 of exactly 32 bytes (an AES-256 key); errors never echo the value. */
        Optional<String> secretsKey(String name) {
            Optional<String> raw = optional(name);
            raw.ifPresent(v -> checkKey(name, v));
            return raw;
        }

        /** Comma-separated keys like {@link #secretsKey}. */
        List<String> secretsKeys(String name) {
            List<String> keys = optional(name).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(k -> !k.isEmpty())
                    .toList()).orElse(List.of());
            for (int i = 0; i < keys.size(); i++) {
                checkKey(name + " (key #" + (i + 1) + ")", keys.get(i));
            }
            return keys;
        }

        private static void checkKey(String name, String value) {
            try {
                io.invitehub.adapter.out.persistence.SecretKeys.decode(value, name);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage());
            }
        }

        URI httpUrl(String name, URI fallback) {
            Optional<String> raw = optional(name);
            if (raw.isEmpty()) {
                return fallback;
            }
            try {
                URI uri = new URI(raw.get());
                if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                    return uri;
                }
            } catch (java.net.URISyntaxException e) {
                // reported below
            }
            throw new ConfigurationException(name + " must be an http(s) URL like https://chatgpt.com/backend-api, was '" + raw.get() + "'");
        }

        AllocationPolicy policy(String name, AllocationPolicy fallback) {
            Optional<String> raw = optional(name);
            try {
                return raw.map(AllocationPolicy::parse).orElse(fallback);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(name + ": " + e.getMessage());
            }
        }
    }
}

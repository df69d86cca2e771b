package io.invitehub.library.config;

import io.invitehub.domain.team.AllocationPolicy;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads and validates environment variables; every error names its variable. */
final class EnvironmentReader {
    private final Map<String, String> env;

    EnvironmentReader(Map<String, String> env) {
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
        return (int) longInteger(name, fallback, min, max);
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

    /**
     * Addresses and CIDR ranges ({@code 10.0.0.0/8, ::1}); each is checked now to be a literal address with an
     * optional prefix length (never a host name: nothing is looked up). The HTTP adapter parses them again.
     */
    Set<String> trustedProxies(String name) {
        Set<String> entries = set(name);
        for (String entry : entries) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            boolean v4 = address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")
                    && java.util.Arrays.stream(address.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
            boolean v6 = address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
            int maxPrefix = v4 ? 32 : 128;
            boolean valid = v4 || v6;
            if (valid) {
                try {
                    java.net.InetAddress.getByName(address); // a literal: parsed, never resolved
                    if (slash >= 0) {
                        int prefix = Integer.parseInt(entry.substring(slash + 1));
                        valid = prefix >= 0 && prefix <= maxPrefix;
                    }
                } catch (java.io.IOException | NumberFormatException e) {
                    valid = false;
                }
            }
            if (!valid) {
                throw new ConfigurationException(name + ": '" + entry + "' is not an IP address or CIDR range (such as 10.0.0.0/8 or ::1)");
            }
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

package io.invitehub.library.config;

import java.net.URI;
import io.invitehub.domain.brand.PlatformTerms;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The shop's settings (docs/configuration.md, "Shop and payments"). The gateway is {@code sandbox} by
 * default with the embedded database and {@code none} (no orders can be paid) with an external one; the
 * real {@code epay} gateway needs its URL, merchant id and key or the service refuses to start. The key is
 * never printed.
 */
public record ShopConfig(Gateway gateway, Optional<String> epayUrl, Optional<String> epayPid, Optional<String> epayKey,
                         Optional<String> publicBaseUrl, Duration paymentWindow, int maxCodesPerOrder, Set<String> payTypes,
                         int fulfilmentThreads, int fulfilmentBatch, int fulfilmentParallelism, Duration fulfilmentLease, int fulfilmentMaxAttempts,
                         Duration fulfilmentBackoffBase, Duration fulfilmentPollInterval, Duration expiryInterval,
                         Duration queryInterval, Duration queryAfterReturn, Duration queryBackoff) {

    public enum Gateway { SANDBOX, EPAY, NONE }

    static ShopConfig read(EnvironmentReader r, boolean embedded) {
        String rawGateway = r.string("INVITEHUB_PAYMENT_GATEWAY", embedded ? "sandbox" : "none").toUpperCase(Locale.ROOT);
        Gateway gateway;
        try {
            gateway = Gateway.valueOf(rawGateway);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("INVITEHUB_PAYMENT_GATEWAY must be sandbox, epay or none, was '" + rawGateway.toLowerCase(Locale.ROOT) + "'");
        }
        Optional<String> url = r.optional("INVITEHUB_EPAY_URL");
        Optional<String> pid = r.optional("INVITEHUB_EPAY_PID");
        Optional<String> key = r.secret("INVITEHUB_EPAY_KEY", 1);
        if (gateway == Gateway.EPAY) {
            if (url.isEmpty() || pid.isEmpty() || key.isEmpty()) {
                throw new ConfigurationException("INVITEHUB_PAYMENT_GATEWAY=epay needs INVITEHUB_EPAY_URL, INVITEHUB_EPAY_PID and "
                        + "INVITEHUB_EPAY_KEY (the merchant key); refusing to start without them");
            }
            requireHttpUrl("INVITEHUB_EPAY_URL", url.get());
        }
        Optional<String> base = r.optional("INVITEHUB_PUBLIC_BASE_URL").map(v -> v.replaceAll("/+$", ""));
        base.ifPresent(v -> requireHttpUrl("INVITEHUB_PUBLIC_BASE_URL", v));
        if (gateway == Gateway.EPAY && base.isEmpty()) {
            throw new ConfigurationException("INVITEHUB_PAYMENT_GATEWAY=epay needs INVITEHUB_PUBLIC_BASE_URL: the address the gateway "
                    + "posts its notifications to");
        }
        Set<String> payTypes = r.set("INVITEHUB_PAY_TYPES");
        Duration paymentWindow = r.duration("INVITEHUB_ORDER_PAYMENT_WINDOW", Duration.ofMinutes(15));
        if (paymentWindow.compareTo(PlatformTerms.MIN_PAYMENT_WINDOW) < 0 || paymentWindow.compareTo(PlatformTerms.MAX_PAYMENT_WINDOW) > 0) {
            throw new ConfigurationException("INVITEHUB_ORDER_PAYMENT_WINDOW must be between 1m and 24h (what the Settings page accepts), was "
                    + paymentWindow);
        }
        return new ShopConfig(gateway, url, pid, key, base,
                paymentWindow,
                r.integer("INVITEHUB_ORDER_MAX_CODES", 100_000, 1, 1_000_000),
                payTypes.isEmpty() ? Set.of("alipay", "wxpay") : payTypes,
                r.integer("INVITEHUB_FULFILMENT_THREADS", 1, 1, 16),
                r.integer("INVITEHUB_FULFILMENT_BATCH", 5_000, 1, 50_000),
                r.integer("INVITEHUB_FULFILMENT_PARALLELISM", 2, 1, 8),
                r.duration("INVITEHUB_FULFILMENT_LEASE", Duration.ofMinutes(2)),
                r.integer("INVITEHUB_FULFILMENT_MAX_ATTEMPTS", 5, 1, 100),
                r.duration("INVITEHUB_FULFILMENT_BACKOFF_BASE", Duration.ofSeconds(5)),
                r.duration("INVITEHUB_FULFILMENT_POLL_INTERVAL", Duration.ofSeconds(2)),
                r.duration("INVITEHUB_ORDER_EXPIRY_INTERVAL", Duration.ofSeconds(30)),
                r.duration("INVITEHUB_ORDER_QUERY_INTERVAL", Duration.ofSeconds(15)),
                r.duration("INVITEHUB_ORDER_QUERY_AFTER_RETURN", Duration.ofSeconds(20)),
                r.duration("INVITEHUB_ORDER_QUERY_BACKOFF", Duration.ofSeconds(30)));
    }

    private static void requireHttpUrl(String name, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(name + " must be an http(s) URL, was '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return "ShopConfig[gateway=" + gateway + ", epayUrl=" + epayUrl.orElse("-") + ", pid=" + epayPid.orElse("-")
                + ", key=" + (epayKey.isPresent() ? "***" : "unset") + "]";
    }
}

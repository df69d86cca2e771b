package io.invitehub.application.shop.service;

import io.invitehub.domain.order.PayType;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Objects;
import java.util.Set;

/**
 * Shop limits and the fulfilment worker's pacing (how long an order can be paid is a runtime setting, ADR 51): how many codes one order
 * may deliver, the pay types offered, codes per fulfilment batch (one transaction each), how many batches of one order are
 * in flight at once (ADR 83), the claim lease, attempts and backoff.
 */
public record ShopSettings(int maxCodesPerOrder, int fulfilmentBatch, int fulfilmentParallelism, Duration fulfilmentLease,
                           int fulfilmentMaxAttempts, Duration fulfilmentBackoffBase, int expiryBatch, ZoneId businessZone,
                           Set<PayType> payTypes, Currency currency) {
    public static final int DEFAULT_MAX_CODES_PER_ORDER = 100_000;
    /** Batches of one order delivered at once (ADR 83): two, one per core of the 2-core machine the targets are set on. */
    public static final int DEFAULT_FULFILMENT_PARALLELISM = 2;

    public ShopSettings {
        Objects.requireNonNull(fulfilmentLease, "fulfilmentLease");
        Objects.requireNonNull(fulfilmentBackoffBase, "fulfilmentBackoffBase");
        Objects.requireNonNull(businessZone, "businessZone");
        Objects.requireNonNull(currency, "currency");
        payTypes = Set.copyOf(payTypes);
        if (payTypes.isEmpty()) {
            throw new IllegalArgumentException("at least one pay type");
        }
        if (maxCodesPerOrder < 1 || fulfilmentBatch < 1 || fulfilmentParallelism < 1 || fulfilmentMaxAttempts < 1 || expiryBatch < 1) {
            throw new IllegalArgumentException("shop limits must be positive");
        }
    }

    public static ShopSettings defaults() {
        return new ShopSettings(DEFAULT_MAX_CODES_PER_ORDER, 5_000, DEFAULT_FULFILMENT_PARALLELISM, Duration.ofMinutes(2), 5,
                Duration.ofSeconds(5), 1_000, ZoneId.of("Asia/Shanghai"),
                Set.of(PayType.of("alipay"), PayType.of("wxpay")), Currency.getInstance("CNY"));
    }

    /** Wait before attempt {@code failed + 1}: the base doubled per failed attempt, at most 64 × base. */
    public Duration backoff(int failed) {
        return fulfilmentBackoffBase.multipliedBy(1L << Math.min(6, Math.max(0, failed - 1)));
    }

    public ShopSettings withFulfilmentBatch(int batch) {
        return new ShopSettings(maxCodesPerOrder, batch, fulfilmentParallelism, fulfilmentLease, fulfilmentMaxAttempts,
                fulfilmentBackoffBase, expiryBatch, businessZone, payTypes, currency);
    }

    public ShopSettings withFulfilmentParallelism(int parallelism) {
        return new ShopSettings(maxCodesPerOrder, fulfilmentBatch, parallelism, fulfilmentLease, fulfilmentMaxAttempts,
                fulfilmentBackoffBase, expiryBatch, businessZone, payTypes, currency);
    }
}

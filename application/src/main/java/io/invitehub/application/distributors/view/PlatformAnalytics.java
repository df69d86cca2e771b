package io.invitehub.application.distributors.view;

import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Approval;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Platform totals over all distributors: how many there are per approval state, and the sum of
 * every distributor's summary (docs/statistics.md), so each total means exactly what the same
 * number means for one distributor. Platform codes (no owner) and rebinds count for nobody here too.
 * {@code defaultUnitPrice} is the price per accepted invitation of distributors without their own.
 */
public record PlatformAnalytics(LocalDate businessDay, long distributors, Map<Approval, Long> byApproval,
                                long totalCodes, long activeCodes, long depletedCodes, long expiredCodes, long inactiveCodes,
                                long redeemAttempts, long invitesSentSuccess, long invitesAccepted, long membersActive,
                                long membersRemoved, Money totalRevenueEstimate, PeriodCounts today, PeriodCounts thisWeek,
                                PeriodCounts thisMonth, Money defaultUnitPrice) {

    public PlatformAnalytics {
        Objects.requireNonNull(businessDay, "businessDay");
        Objects.requireNonNull(defaultUnitPrice, "defaultUnitPrice");
        Map<Approval, Long> copy = new EnumMap<>(Approval.class);
        for (Approval a : Approval.values()) {
            copy.put(a, byApproval.getOrDefault(a, 0L));
        }
        byApproval = Collections.unmodifiableMap(copy);
    }

    /** No distributor yet. */
    public static PlatformAnalytics empty(LocalDate businessDay, Money defaultUnitPrice) {
        return new PlatformAnalytics(businessDay, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Money.zero(defaultUnitPrice.currency()),
                PeriodCounts.ZERO, PeriodCounts.ZERO, PeriodCounts.ZERO, defaultUnitPrice);
    }

    /** These totals plus one more distributor (of {@code approval}) with summary {@code s}. */
    public PlatformAnalytics plus(Optional<Approval> approval, DistributorSummary s) {
        Map<Approval, Long> counts = new EnumMap<>(byApproval);
        approval.ifPresent(a -> counts.merge(a, 1L, Long::sum));
        return new PlatformAnalytics(businessDay, distributors + 1, counts, totalCodes + s.totalCodes(),
                activeCodes + s.activeCodes(), depletedCodes + s.depletedCodes(), expiredCodes + s.expiredCodes(),
                inactiveCodes + s.inactiveCodes(), redeemAttempts + s.redeemAttempts(),
                invitesSentSuccess + s.invitesSentSuccess(), invitesAccepted + s.invitesAccepted(),
                membersActive + s.membersActive(), membersRemoved + s.membersRemoved(),
                totalRevenueEstimate.plus(s.totalRevenueEstimate()), today.plus(s.today()), thisWeek.plus(s.thisWeek()),
                thisMonth.plus(s.thisMonth()), defaultUnitPrice);
    }
}

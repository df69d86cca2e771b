package io.invitehub.application.distributors.view;

import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.UserId;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The statistics of one distributor (SPEC section 5; every number is defined in docs/statistics.md).
 * The code buckets partition {@code totalCodes}: {@code activeCodes + depletedCodes + expiredCodes
 * + inactiveCodes = totalCodes} (precedence disabled &gt; expired &gt; depleted &gt; active).
 * {@code today}, {@code thisWeek} (since Monday) and {@code thisMonth} are business days of
 * {@code timeZone}, up to and including {@code businessDay}.
 */
public record DistributorSummary(
        UserId distributorId,
        LocalDate businessDay,
        ZoneId timeZone,
        long totalCodes,
        long activeCodes,
        long depletedCodes,
        long expiredCodes,
        long inactiveCodes,
        long redeemAttempts,
        long invitesSentSuccess,
        long invitesAccepted,
        long membersActive,
        long membersRemoved,
        Money unitPrice,
        Money totalRevenueEstimate,
        PeriodCounts today,
        PeriodCounts thisWeek,
        PeriodCounts thisMonth) {
}

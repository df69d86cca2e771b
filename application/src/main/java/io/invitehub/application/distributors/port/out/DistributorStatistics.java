package io.invitehub.application.distributors.port.out;

import io.invitehub.application.distributors.view.DistributorRank;
import io.invitehub.application.distributors.view.DistributorSort;
import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.distributors.view.PlanRanking;
import io.invitehub.application.distributors.view.TrendDay;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Distributor statistics (SPEC section 5, docs/statistics.md). Storage maintains them in the same
 * transaction as every change of a code or invitation (ADR 10), so nothing here scans a
 * distributor's codes or invitations: a summary reads a bounded number of rollup rows.
 */
public interface DistributorStatistics {

    /** The business time zone whose days the rollups count in. */
    ZoneId businessTimeZone();

    /**
     * Counts days in {@code zone} from now on; when it differs from the current one, every rollup is
     * recomputed from the base tables (writers wait meanwhile). Returns whether it changed.
     */
    boolean useBusinessTimeZone(ZoneId zone);

    /**
     * The numbers of one distributor at {@code now}. Revenue is {@code invitesAccepted ×} the
     * distributor's own unit price, else the platform's default unit price as stored now (the terms of ADR 51, read
     * with the numbers in one statement: ADR 84), else {@code defaultUnitPrice} (the configuration's, before the terms
     * are stored). Every price is in {@code defaultUnitPrice}'s currency.
     */
    DistributorSummary summary(UserId distributor, Instant now, Money defaultUnitPrice);

    /**
     * Folds the expiry rollup of codes that expired before {@code before} into one row per distributor
     * (and stripe), so a summary reads a bounded number of rows however long the history is. Numbers
     * do not change. Returns how many rollup rows were folded (0 where the storage keeps none).
     */
    long compactExpiry(Instant before);

    /**
     * Folds the stripes of every business day before the day of {@code before} into one row per
     * distributor and day (today keeps its stripes, which concurrent writers spread over), so a
     * summary reads a number of daily rows bounded by the calendar, not by the distributor's activity.
     * Numbers do not change. Returns how many rollup rows were folded (0 where the storage keeps none).
     */
    long compactDays(Instant before);

    /** {@code days} business days ending with today (at {@code now}), oldest first, zero-filled. */
    List<TrendDay> trend(UserId distributor, Instant now, int days);

    /** The distributor's plans, most members accepted first, then most codes bought, then plan id. */
    List<PlanRanking> planRanking(UserId distributor);

    /**
     * Distributors (of {@code approval}, or any when empty) by {@code sort}, largest first, then by id;
     * at most {@code limit} after {@code after}.
     */
    List<DistributorRank> rankDistributors(DistributorSort sort, Optional<Approval> approval, Optional<RankKey> after, int limit,
                                           Money defaultUnitPrice);
}

package io.invitehub.application.distributors.port.in;

/** Background upkeep of the statistics rollups; numbers never change through it. */
public interface MaintainStatisticsUseCase {
    /** Folds the expiry rollup of the past (older than an hour); returns the rows folded. */
    long compactExpiry();

    /** Folds the stripes of the daily rollup of every business day before today; returns the rows folded. */
    long compactDays();
}

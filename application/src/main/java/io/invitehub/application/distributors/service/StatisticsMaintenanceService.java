package io.invitehub.application.distributors.service;

import io.invitehub.application.distributors.port.in.MaintainStatisticsUseCase;
import io.invitehub.application.distributors.port.out.DistributorStatistics;
import io.invitehub.application.shared.port.out.TransactionRunner;

import java.time.Clock;
import java.time.Duration;

public final class StatisticsMaintenanceService implements MaintainStatisticsUseCase {
    /** Buckets this recent stay unfolded, so the fold never contends with today's batches. */
    static final Duration KEEP_UNFOLDED = Duration.ofHours(1);

    private final TransactionRunner transactions;
    private final DistributorStatistics statistics;
    private final Clock clock;

    public StatisticsMaintenanceService(TransactionRunner transactions, DistributorStatistics statistics, Clock clock) {
        this.transactions = transactions;
        this.statistics = statistics;
        this.clock = clock;
    }

    @Override
    public long compactExpiry() {
        return transactions.inTransaction(() -> statistics.compactExpiry(clock.instant().minus(KEEP_UNFOLDED)));
    }

    @Override
    public long compactDays() {
        return transactions.inTransaction(() -> statistics.compactDays(clock.instant()));
    }
}

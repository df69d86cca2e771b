package io.invitehub.library.assembly;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.application.distributors.port.in.DistributorQueries;
import io.invitehub.application.distributors.service.DistributorQueryService;
import io.invitehub.application.distributors.service.StatisticsMaintenanceService;
import io.invitehub.application.distributors.service.StatisticsSettings;
import io.invitehub.library.config.StatisticsConfig;
import io.invitehub.library.worker.MaintenanceJobs;
import io.invitehub.domain.shared.Money;

import java.util.Deque;

/** The distributor read side (SPEC section 5) and the statistics upkeep that one node runs per interval. */
public record StatisticsAssembly(DistributorQueries readSide, StatisticsMaintenanceService maintenance) {

    public static StatisticsAssembly wire(Adapters a, StatisticsConfig config) {
        JooqPersistence db = a.persistence();
        DistributorQueries readSide = new DistributorQueryService(db.statistics(), db.records(), db.codes(), db.users(), a.clock(),
                new StatisticsSettings(Money.ofMinor(config.defaultUnitPriceMinor(), config.currency()),
                        StatisticsSettings.DEFAULT_RECENTLY_ENDED));
        StatisticsMaintenanceService maintenance = new StatisticsMaintenanceService(db.transactions(), db.statistics(), a.clock());
        return new StatisticsAssembly(readSide, maintenance);
    }

    /** Starts the maintenance job (one node per interval, through its job lease); stopped with {@code resources}. */
    public MaintenanceJobs startWorkers(Adapters a, StatisticsConfig config, Deque<AutoCloseable> resources) {
        MaintenanceJobs jobs = new MaintenanceJobs(maintenance, a.jobLeases(), config.maintenanceInterval());
        resources.push(jobs);
        return jobs;
    }
}

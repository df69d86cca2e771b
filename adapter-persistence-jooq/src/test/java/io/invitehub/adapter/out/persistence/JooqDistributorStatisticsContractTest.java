package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.AbstractDistributorStatisticsContract;
import io.invitehub.application.contract.StoragePorts;

/** The shared statistics contract, run against the rollups and triggers on real PostgreSQL. */
class JooqDistributorStatisticsContractTest extends AbstractDistributorStatisticsContract {
    @Override
    protected StoragePorts newStorage() {
        return JooqStorage.empty();
    }
}

package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.AbstractSyncScheduleContract;
import io.invitehub.application.contract.StoragePorts;

/** The shared SyncSchedule contract, run against the jOOQ adapter on real PostgreSQL. */
class JooqSyncScheduleContractTest extends AbstractSyncScheduleContract {
    @Override
    protected StoragePorts newStorage() {
        return JooqStorage.empty();
    }
}

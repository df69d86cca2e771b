package io.invitehub.application.contract;

import io.invitehub.application.fakes.InMemoryStorage;

class InMemorySyncScheduleContractTest extends AbstractSyncScheduleContract {
    @Override
    protected StoragePorts newStorage() {
        return new InMemoryStorage();
    }
}

package io.invitehub.application.contract;

import io.invitehub.application.fakes.InMemoryStorage;

class InMemoryWaitingQueueContractTest extends AbstractWaitingQueueContract {
    @Override
    protected StoragePorts newStorage() {
        return new InMemoryStorage();
    }
}

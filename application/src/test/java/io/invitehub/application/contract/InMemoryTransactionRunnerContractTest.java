package io.invitehub.application.contract;

import io.invitehub.application.fakes.InMemoryStorage;

class InMemoryTransactionRunnerContractTest extends AbstractTransactionRunnerContract {
    @Override
    protected StoragePorts newStorage() {
        return new InMemoryStorage();
    }
}

package io.invitehub.application.contract;

import io.invitehub.application.fakes.InMemoryStorage;

class InMemoryDispatchOutboxContractTest extends AbstractDispatchOutboxContract {
    @Override
    protected StoragePorts newStorage() {
        return new InMemoryStorage();
    }
}

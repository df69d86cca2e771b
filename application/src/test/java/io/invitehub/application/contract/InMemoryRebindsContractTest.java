package io.invitehub.application.contract;

import io.invitehub.application.fakes.InMemoryStorage;

class InMemoryRebindsContractTest extends AbstractRebindsContract {
    @Override
    protected StoragePorts newStorage() {
        return new InMemoryStorage();
    }
}

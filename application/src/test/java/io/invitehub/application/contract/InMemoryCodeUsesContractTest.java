package io.invitehub.application.contract;

import io.invitehub.application.fakes.InMemoryStorage;

class InMemoryCodeUsesContractTest extends AbstractCodeUsesContract {
    @Override
    protected StoragePorts newStorage() {
        return new InMemoryStorage();
    }
}

package io.invitehub.application.contract;

import io.invitehub.application.fakes.InMemoryStorage;

class InMemoryShopStorageContractTest extends AbstractShopStorageContract {
    @Override
    protected StoragePorts newStorage() {
        return new InMemoryStorage();
    }
}

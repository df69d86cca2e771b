package io.invitehub.application.contract;

import io.invitehub.application.fakes.InMemoryStorage;

class InMemoryBrandsContractTest extends AbstractBrandsContract {
    @Override
    protected StoragePorts newStorage() {
        return new InMemoryStorage();
    }
}

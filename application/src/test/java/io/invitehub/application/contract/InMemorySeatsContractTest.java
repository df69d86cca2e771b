package io.invitehub.application.contract;

import io.invitehub.application.fakes.InMemoryStorage;

class InMemorySeatsContractTest extends AbstractSeatsContract {
    @Override
    protected StoragePorts newStorage() {
        return new InMemoryStorage();
    }
}

package io.invitehub.application.contract;

import io.invitehub.application.fakes.InMemoryStorage;

class InMemoryTeamsContractTest extends AbstractTeamsContract {
    @Override
    protected StoragePorts newStorage() {
        return new InMemoryStorage();
    }
}

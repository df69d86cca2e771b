package io.invitehub.application.contract;

import io.invitehub.application.fakes.InMemoryStorage;

class InMemoryUsersContractTest extends AbstractUsersContract {
    @Override
    protected StoragePorts newStorage() {
        return new InMemoryStorage();
    }
}

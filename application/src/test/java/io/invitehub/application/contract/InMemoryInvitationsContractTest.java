package io.invitehub.application.contract;

import io.invitehub.application.fakes.InMemoryStorage;

class InMemoryInvitationsContractTest extends AbstractInvitationsContract {
    @Override
    protected StoragePorts newStorage() {
        return new InMemoryStorage();
    }
}

package io.invitehub.application.contract;

import io.invitehub.application.fakes.InMemoryStorage;

class InMemoryRecipientsContractTest extends AbstractRecipientsContract {
    @Override
    protected StoragePorts newStorage() {
        return new InMemoryStorage();
    }
}

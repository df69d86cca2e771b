package io.invitehub.application.contract;

import io.invitehub.application.fakes.InMemoryStorage;

class InMemoryVerificationCodesContractTest extends AbstractVerificationCodesContract {
    @Override
    protected StoragePorts newStorage() {
        return new InMemoryStorage();
    }
}

package io.invitehub.application.contract;

import io.invitehub.application.fakes.InMemoryStorage;

class InMemoryRedeemCodesContractTest extends AbstractRedeemCodesContract {
    @Override
    protected StoragePorts newStorage() {
        return new InMemoryStorage();
    }
}

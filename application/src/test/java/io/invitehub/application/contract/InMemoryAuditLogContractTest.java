package io.invitehub.application.contract;

import io.invitehub.application.fakes.InMemoryStorage;

class InMemoryAuditLogContractTest extends AbstractAuditLogContract {
    @Override
    protected StoragePorts newStorage() {
        return new InMemoryStorage();
    }
}

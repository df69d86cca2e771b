package io.invitehub.application.contract;

import io.invitehub.application.fakes.InMemoryStorage;

class InMemoryDistributorStatisticsContractTest extends AbstractDistributorStatisticsContract {
    @Override
    protected StoragePorts newStorage() {
        return new InMemoryStorage();
    }
}

package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.AbstractShopStorageContract;
import io.invitehub.application.contract.StoragePorts;

/** The shared Plans/Orders/PaymentAlerts contract, run against the jOOQ adapter on real PostgreSQL. */
class JooqShopStorageContractTest extends AbstractShopStorageContract {
    @Override
    protected StoragePorts newStorage() {
        return JooqStorage.empty();
    }
}

package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.AbstractDispatchOutboxContract;
import io.invitehub.application.contract.StoragePorts;

/** The shared DispatchOutbox contract, run against the jOOQ adapter on real PostgreSQL. */
class JooqDispatchOutboxContractTest extends AbstractDispatchOutboxContract {
    @Override
    protected StoragePorts newStorage() {
        return JooqStorage.empty();
    }
}

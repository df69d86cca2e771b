package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.AbstractTeamsContract;
import io.invitehub.application.contract.StoragePorts;

/** The shared Teams contract, run against the jOOQ adapter on real PostgreSQL. */
class JooqTeamsContractTest extends AbstractTeamsContract {
    @Override
    protected StoragePorts newStorage() {
        return JooqStorage.empty();
    }
}

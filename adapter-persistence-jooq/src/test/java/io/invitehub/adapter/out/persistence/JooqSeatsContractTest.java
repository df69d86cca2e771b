package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.AbstractSeatsContract;
import io.invitehub.application.contract.StoragePorts;

/** The shared Seats contract, run against the jOOQ adapter on real PostgreSQL. */
class JooqSeatsContractTest extends AbstractSeatsContract {
    @Override
    protected StoragePorts newStorage() {
        return JooqStorage.empty();
    }
}

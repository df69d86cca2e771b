package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.AbstractUsersContract;
import io.invitehub.application.contract.StoragePorts;

/** The shared Users contract, run against the jOOQ adapter on real PostgreSQL. */
class JooqUsersContractTest extends AbstractUsersContract {
    @Override
    protected StoragePorts newStorage() {
        return JooqStorage.empty();
    }
}

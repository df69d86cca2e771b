package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.AbstractRebindsContract;
import io.invitehub.application.contract.StoragePorts;

/** The shared Rebinds contract, run against the jOOQ adapter on real PostgreSQL. */
class JooqRebindsContractTest extends AbstractRebindsContract {
    @Override
    protected StoragePorts newStorage() {
        return JooqStorage.empty();
    }
}

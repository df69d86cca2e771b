package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.AbstractCodeUsesContract;
import io.invitehub.application.contract.StoragePorts;

/** The shared CodeUses contract, run against the jOOQ adapter on real PostgreSQL. */
class JooqCodeUsesContractTest extends AbstractCodeUsesContract {
    @Override
    protected StoragePorts newStorage() {
        return JooqStorage.empty();
    }
}

package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.AbstractRecipientsContract;
import io.invitehub.application.contract.StoragePorts;

/** The shared Recipients contract, run against the jOOQ adapter on real PostgreSQL. */
class JooqRecipientsContractTest extends AbstractRecipientsContract {
    @Override
    protected StoragePorts newStorage() {
        return JooqStorage.empty();
    }
}

package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.AbstractWaitingQueueContract;
import io.invitehub.application.contract.StoragePorts;

/** The shared WaitingQueue contract, run against the jOOQ adapter on real PostgreSQL. */
class JooqWaitingQueueContractTest extends AbstractWaitingQueueContract {
    @Override
    protected StoragePorts newStorage() {
        return JooqStorage.empty();
    }
}

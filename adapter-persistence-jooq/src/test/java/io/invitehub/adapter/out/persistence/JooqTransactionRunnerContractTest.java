package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.AbstractTransactionRunnerContract;
import io.invitehub.application.contract.StoragePorts;

/** The shared TransactionRunner contract, run against the jOOQ adapter on real PostgreSQL. */
class JooqTransactionRunnerContractTest extends AbstractTransactionRunnerContract {
    @Override
    protected StoragePorts newStorage() {
        return JooqStorage.empty();
    }
}

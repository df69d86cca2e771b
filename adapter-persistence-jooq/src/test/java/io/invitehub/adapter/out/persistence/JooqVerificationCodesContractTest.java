package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.AbstractVerificationCodesContract;
import io.invitehub.application.contract.StoragePorts;

/** The shared VerificationCodes contract, run against the jOOQ adapter on real PostgreSQL. */
class JooqVerificationCodesContractTest extends AbstractVerificationCodesContract {
    @Override
    protected StoragePorts newStorage() {
        return JooqStorage.empty();
    }
}

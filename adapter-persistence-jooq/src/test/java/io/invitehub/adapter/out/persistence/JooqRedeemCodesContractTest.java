package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.AbstractRedeemCodesContract;
import io.invitehub.application.contract.StoragePorts;

/** The shared RedeemCodes contract, run against the jOOQ adapter on real PostgreSQL. */
class JooqRedeemCodesContractTest extends AbstractRedeemCodesContract {
    @Override
    protected StoragePorts newStorage() {
        return JooqStorage.empty();
    }
}

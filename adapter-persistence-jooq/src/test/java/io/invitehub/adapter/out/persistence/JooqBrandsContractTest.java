package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.AbstractBrandsContract;
import io.invitehub.application.contract.StoragePorts;

/** The shared Brands and PlatformSettings contract, run against the jOOQ adapter and the trigger of R__distributor_brands.sql. */
class JooqBrandsContractTest extends AbstractBrandsContract {
    @Override
    protected StoragePorts newStorage() {
        return JooqStorage.empty();
    }
}

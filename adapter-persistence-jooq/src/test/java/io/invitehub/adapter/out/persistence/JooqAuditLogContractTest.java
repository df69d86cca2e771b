package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.AbstractAuditLogContract;
import io.invitehub.application.contract.StoragePorts;

/** The shared AuditLog contract, run against the jOOQ adapter on real PostgreSQL. */
class JooqAuditLogContractTest extends AbstractAuditLogContract {
    @Override
    protected StoragePorts newStorage() {
        return JooqStorage.empty();
    }
}

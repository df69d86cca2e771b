package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.AbstractInvitationsContract;
import io.invitehub.application.contract.StoragePorts;

/** The shared Invitations contract, run against the jOOQ adapter on real PostgreSQL. */
class JooqInvitationsContractTest extends AbstractInvitationsContract {
    @Override
    protected StoragePorts newStorage() {
        return JooqStorage.empty();
    }
}

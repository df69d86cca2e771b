package io.invitehub.application.contract;

import io.invitehub.application.fakes.InMemoryStorage;
import io.invitehub.domain.code.RedeemCode;

import java.time.Instant;

class InMemoryRemovalClaimsContractTest extends AbstractRemovalClaimsContract {
    @Override
    protected StoragePorts newStorage() {
        return new InMemoryStorage();
    }

    @Override
    protected void activate(RedeemCode code, Instant at) {
        ((InMemoryStorage) storage).activateCode(code.id(), at);
    }
}

package io.invitehub.library.inprocess;

import io.invitehub.application.contract.AbstractSeatsCacheContract;
import io.invitehub.application.redemption.port.out.SeatsCache;

/** The SeatsCache contract on the in-process cache. */
class InProcessSeatsCacheContractTest extends AbstractSeatsCacheContract {
    private SeatsCache cache;

    @Override
    protected SeatsCache newCache() {
        cache = new InProcessSeatsCache();
        return cache;
    }

    @Override
    protected SeatsCache sameStateOtherNode() {
        return cache;
    }
}

package io.invitehub.library.inprocess;

import io.invitehub.application.contract.AbstractWakeUpsContract;
import io.invitehub.application.shared.port.out.WakeUps;

/** The WakeUps contract on the in-process wake-ups. */
class InProcessWakeUpsContractTest extends AbstractWakeUpsContract {
    private WakeUps wakeUps;

    @Override
    protected WakeUps newWakeUps() {
        wakeUps = new InProcessWakeUps();
        return wakeUps;
    }

    @Override
    protected WakeUps sameTransportOtherNode() {
        return wakeUps;
    }
}

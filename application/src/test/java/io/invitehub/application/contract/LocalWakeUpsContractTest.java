package io.invitehub.application.contract;

import io.invitehub.application.shared.port.out.LocalWakeUps;
import io.invitehub.application.shared.port.out.WakeUps;

/** The wake-ups contract on the in-JVM signals that the in-process and the Redis wake-ups both build on. */
class LocalWakeUpsContractTest extends AbstractWakeUpsContract {
    private WakeUps wakeUps;

    @Override
    protected WakeUps newWakeUps() {
        wakeUps = new LocalWakeUps();
        return wakeUps;
    }

    @Override
    protected WakeUps sameTransportOtherNode() {
        return wakeUps;
    }
}

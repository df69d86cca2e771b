package io.invitehub.library.inprocess;

import io.invitehub.application.contract.AbstractJobLeasesContract;
import io.invitehub.application.shared.port.out.JobLeases;

import java.time.Clock;

/** The JobLeases contract on the in-process leases. */
class InProcessJobLeasesContractTest extends AbstractJobLeasesContract {
    private JobLeases leases;

    @Override
    protected JobLeases newLeases() {
        leases = new InProcessJobLeases(Clock.systemUTC());
        return leases;
    }

    @Override
    protected JobLeases sameStateOtherNode() {
        return leases;
    }
}

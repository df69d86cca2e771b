package io.invitehub.application.canary.service;

import io.invitehub.application.redemption.service.RedeemService;

/** Test-only: a feature's service that calls another feature's service instead of its port.in. */
public final class CanaryReachesIntoAnotherFeature {
    private RedeemService redeem;

    public Object redeemService() {
        return redeem;
    }
}

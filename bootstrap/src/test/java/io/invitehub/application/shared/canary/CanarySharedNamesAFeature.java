package io.invitehub.application.shared.canary;

import io.invitehub.application.redemption.port.in.RedeemCodeUseCase;

/** Test-only: shared code that depends on a feature (even on its port.in), which would tie every feature to it. */
public final class CanarySharedNamesAFeature {
    private RedeemCodeUseCase redeem;

    public Object redeem() {
        return redeem;
    }
}

package io.invitehub.application.canary.port.in;

import io.invitehub.application.shared.port.out.RedeemCodes;

/** Test-only: a use case that hands a store to its callers, so ArchitectureTest can show its rule catches it. */
public interface CanaryInPortNamesAnOutPort {
    RedeemCodes codes();
}

package io.invitehub.adapter.in.canary;

import io.invitehub.application.shared.port.out.Invitations;

/** Test-only: an inbound adapter that goes around the use cases to a store. */
public final class CanaryInboundAdapterNamesAnOutPort {
    private Invitations invitations;

    public Object invitations() {
        return invitations;
    }
}

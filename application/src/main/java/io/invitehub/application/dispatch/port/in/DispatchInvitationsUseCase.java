package io.invitehub.application.dispatch.port.in;

/** One pass of the invite dispatcher over the outbox of RESERVED invitations. */
public interface DispatchInvitationsUseCase {
    /** Claims one batch of due invitations, calls the provider, records the outcomes; returns how many were claimed. */
    int dispatchBatch();
}

package io.invitehub.application.queue.port.in;

/** The promoter of the waiting queue: seats WAITING invitations first-in-first-out when seats are free. */
public interface PromoteWaitingUseCase {
    /** Promotes what fits now, every queue; returns how many invitations moved to RESERVED. */
    int promoteWaiting();
}

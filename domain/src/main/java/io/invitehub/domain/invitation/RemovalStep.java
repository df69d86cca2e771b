package io.invitehub.domain.invitation;

/** What a request to remove an invitation's member leads to ({@link Invitation#removal(boolean)}). */
public enum RemovalStep {
    /** INVITED or JOINED: claim it for removal (REMOVE), then the provider, then REMOVED. */
    CLAIM,
    /** WAITING, removed by staff: it leaves the queue (CANCELLED) and gives its use back. */
    CANCEL_QUEUED,
    /** Removed before: nothing to do. */
    ALREADY_REMOVED,
    /** WAITING, asked by a distributor: not a member yet, so not one the distributor can see in a team. */
    NOT_A_MEMBER
}

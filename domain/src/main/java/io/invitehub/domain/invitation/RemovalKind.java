package io.invitehub.domain.invitation;

/**
 * Why a seat-holding invitation was claimed for removal (state REMOVING): decides the state it ends
 * in and whether the code gets its use back (SPEC sections 2 and 6).
 */
public enum RemovalKind {
    /** A distributor or staff removed the member: REMOVED, the use is given back. */
    REMOVE(InvitationState.REMOVED, true),
    /** The invite was not accepted within the timeout: CANCELLED, the use is given back. */
    TIMEOUT(InvitationState.CANCELLED, true),
    /** The membership ended (or the code was disabled): EXPIRED, the use is not given back. */
    EXPIRE(InvitationState.EXPIRED, false),
    /** The member moved to another team by a rebind: REBOUND, the use moves to the rebind invitation. */
    REBIND(InvitationState.REBOUND, false);

    private final InvitationState endState;
    private final boolean givesUseBack;

    RemovalKind(InvitationState endState, boolean givesUseBack) {
        this.endState = endState;
        this.givesUseBack = givesUseBack;
    }

    /** The state a successful removal of this kind ends in. */
    public InvitationState endState() {
        return endState;
    }

    /** Whether ending this way gives the code's use back ({@code GREATEST(used_count - 1, 0)}, at most once). */
    public boolean givesUseBack() {
        return givesUseBack;
    }

    /**
     * Whether a claim of this kind must wait while the member is moving by rebind (ADR 12): a removal or a
     * timeout of the old membership then would give back a use that the move is about to take along.
     */
    public boolean waitsForMove() {
        return this == REMOVE || this == TIMEOUT;
    }

    /** The states an invitation may be claimed from for this kind of removal. */
    public boolean mayClaimFrom(InvitationState state) {
        switch (this) {
            case TIMEOUT:
                return state == InvitationState.INVITED;
            case REBIND:
                return state == InvitationState.JOINED;
            default:
                return state == InvitationState.INVITED || state == InvitationState.JOINED;
        }
    }
}

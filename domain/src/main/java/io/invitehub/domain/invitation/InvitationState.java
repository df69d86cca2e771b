package io.invitehub.domain.invitation;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of one attempt to seat one e-mail in one team for one code.
 *
 * <pre>
 * WAITING ──seat frees──▶ RESERVED ──provider accepted invite──▶ INVITED ──seen in team──▶ JOINED
 *    │                       │                                      │                       │
 *    └────────▶ CANCELLED ◀──┴──(unaccepted timeout, admin)─────────┘        REMOVING ◀─────┤
 *               FAILED ◀── provider refused after retries                        │          │
 *                                                                  REMOVED ◀─────┘   EXPIRED, REBOUND
 * </pre>
 * Timeout, expiry and rebind also pass through REMOVING (claimed, see {@link RemovalKind}) before they
 * end CANCELLED, EXPIRED or REBOUND, so only one caller ever talks to the provider about a member.
 */
public enum InvitationState {
    WAITING,
    RESERVED,
    INVITED,
    JOINED,
    REMOVING,
    CANCELLED,
    FAILED,
    REMOVED,
    EXPIRED,
    REBOUND;

    private static final Set<InvitationState> SEAT_HOLDING = Collections.unmodifiableSet(EnumSet.of(RESERVED, INVITED, JOINED, REMOVING));
    private static final Set<InvitationState> OPEN = Collections.unmodifiableSet(EnumSet.of(WAITING, RESERVED, INVITED, JOINED, REMOVING));

    /** States that hold a seat in a team (the "live" states). */
    public static Set<InvitationState> seatHolding() {
        return SEAT_HOLDING;
    }

    /** States that are not over yet: WAITING (holds a use, no seat) and the seat-holding states. */
    public static Set<InvitationState> open() {
        return OPEN;
    }

    public boolean holdsSeat() {
        return SEAT_HOLDING.contains(this);
    }

    public boolean isOpen() {
        return OPEN.contains(this);
    }

    public boolean isEnded() {
        return !isOpen();
    }

    /** The states this state may move to. */
    public Set<InvitationState> next() {
        switch (this) {
            case WAITING:
                return EnumSet.of(RESERVED, CANCELLED);
            case RESERVED:
                return EnumSet.of(INVITED, CANCELLED, FAILED);
            case INVITED:
                return EnumSet.of(JOINED, CANCELLED, REMOVING, EXPIRED);
            case JOINED:
                return EnumSet.of(REMOVING, EXPIRED, REBOUND);
            case REMOVING:
                // ends as its removal kind decides (RemovalKind.endState), or returns to where it was claimed from
                return EnumSet.of(REMOVED, CANCELLED, EXPIRED, REBOUND, INVITED, JOINED);
            default:
                return EnumSet.noneOf(InvitationState.class);
        }
    }

    public boolean canMoveTo(InvitationState target) {
        return next().contains(target);
    }

    /** Returns {@code target} when the move is legal; an illegal move is a programming error. */
    public InvitationState moveTo(InvitationState target) {
        if (!canMoveTo(target)) {
            throw new IllegalStateException("an invitation cannot move from " + this + " to " + target);
        }
        return target;
    }
}

package io.invitehub.domain.invitation;

import io.invitehub.domain.team.TeamId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one state transition of an invitation changes, computed by {@link Invitation} and applied by
 * storage as one conditional update ({@code … WHERE id = ? AND state = from}): one caller wins.
 *
 * <ul>
 *   <li>{@code state = to}, and the seat's team when the transition takes one ({@link Invitation#promoteTo});</li>
 *   <li>INVITED records {@code invitedAt} and JOINED {@code acceptedAt}, the first time only: a return
 *       from REMOVING keeps them (statistics count "reached INVITED at some point", ADR 10);</li>
 *   <li>an ended state records {@code endedAt} and the end reason;</li>
 *   <li>RESERVED invitations are the dispatch outbox: entering RESERVED makes the invitation due at
 *       {@code at}, every other state takes it out ({@link #leavesOutbox()}).</li>
 * </ul>
 */
public record InvitationChange(InvitationId id, InvitationState from, InvitationState to, Optional<TeamId> seatIn,
                               Instant at, Optional<String> endReason) {
    public InvitationChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(seatIn, "seatIn");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(endReason, "endReason");
        from.moveTo(to);
        if (to == InvitationState.REMOVING) {
            throw new IllegalArgumentException("REMOVING is entered through a removal claim, which records why and since when");
        }
    }

    /** INVITED: {@code invitedAt = at} unless already set. */
    public boolean recordsInvitedAt() {
        return to == InvitationState.INVITED;
    }

    /** JOINED: {@code acceptedAt = at} unless already set. */
    public boolean recordsAcceptedAt() {
        return to == InvitationState.JOINED;
    }

    /** An ended state: {@code endedAt = at} and the end reason. */
    public boolean ends() {
        return to.isEnded();
    }

    /** WAITING → RESERVED: the invitation becomes due for dispatch at {@code at}. */
    public boolean entersOutbox() {
        return to == InvitationState.RESERVED && from != InvitationState.RESERVED;
    }

    /** Any state but RESERVED: no next dispatch attempt any more. */
    public boolean leavesOutbox() {
        return to != InvitationState.RESERVED;
    }

    /**
     * The invitation after this change, for storage that keeps domain objects (in-memory fakes);
     * {@code current} must be the invitation in state {@code from}.
     */
    public Invitation applyTo(Invitation current) {
        if (!current.id().equals(id) || current.state() != from) {
            throw new IllegalStateException("change " + from + " → " + to + " does not apply to " + current);
        }
        return current.changed(this);
    }
}

package io.invitehub.adapter.out.persistence.reference;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** An invitation being planned from a reference row; its state moves as {@link InvitationRules} apply. */
final class InvitationCandidate {
    /** The states of an open invitation (REMOVING never comes from an import). */
    static final List<String> OPEN = List.of("WAITING", "RESERVED", "INVITED", "JOINED");

    final String source;
    final long ref;
    final long codeRef;
    final Long teamRef;
    final String email;
    final boolean rebind;
    final Instant created;
    final Instant accepted;
    final boolean invited;
    String state;
    String lastError;
    String endReason;
    Instant ended;
    boolean removalFailed;

    InvitationCandidate(String source, long ref, long codeRef, Long teamRef, String email, boolean rebind, Instant created,
              Instant accepted, boolean invited, String state) {
        this.source = source;
        this.ref = ref;
        this.codeRef = codeRef;
        this.teamRef = teamRef;
        this.email = email;
        this.rebind = rebind;
        this.created = created;
        this.accepted = accepted;
        this.invited = invited;
        this.state = state;
    }

    int rank() {
        switch (state) {
            case "JOINED": return 4;
            case "INVITED": return 3;
            case "RESERVED": return 2;
            case "WAITING": return 1;
            default: return 0;
        }
    }

    boolean live() {
        return state.equals("RESERVED") || state.equals("INVITED") || state.equals("JOINED");
    }

    void end(String to, Instant at, String reason) {
        state = to;
        ended = at;
        if (to.equals("FAILED")) {
            lastError = reason;
        } else {
            endReason = reason;
        }
    }

    /** WAITING, RESERVED, INVITED, JOINED and EXPIRED hold a use (expiry gives none back; REBOUND moved it). */
    boolean holdsUse() {
        return OPEN.contains(state) || state.equals("EXPIRED");
    }

    static final Comparator<InvitationCandidate> BEST_FIRST = Comparator.comparingInt(InvitationCandidate::rank).reversed()
            .thenComparing((InvitationCandidate c) -> c.created, Comparator.reverseOrder())
            .thenComparing((InvitationCandidate c) -> c.ref, Comparator.reverseOrder());

    static Instant latest(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }
}

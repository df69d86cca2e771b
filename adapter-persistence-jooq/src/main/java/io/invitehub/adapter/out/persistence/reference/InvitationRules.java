package io.invitehub.adapter.out.persistence.reference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules that move a planned invitation from the state its reference row says to the one InviteHub
 * holds (docs/operations.md, "Importing from the reference"): rebinds, the reference's expiry cleanup,
 * members who left, and InviteHub's uniqueness (one live invitation per team and e-mail, one open
 * non-rebind invitation per e-mail), which the reference did not have. Applied in that order.
 */
final class InvitationRules {
    private final Planning p;

    InvitationRules(Planning p) {
        this.p = p;
    }

    /** A member moved by a later rebind of the same code and e-mail into another team: REBOUND. */
    void rebinds(List<InvitationCandidate> candidates) {
        Map<String, List<InvitationCandidate>> byCodeEmail = new LinkedHashMap<>();
        for (InvitationCandidate c : candidates) {
            byCodeEmail.computeIfAbsent(c.codeRef + "|" + c.email, k -> new ArrayList<>()).add(c);
        }
        for (List<InvitationCandidate> chain : byCodeEmail.values()) {
            chain.sort(Comparator.comparing((InvitationCandidate c) -> c.created).thenComparingLong(c -> c.ref));
            for (int i = 0; i < chain.size(); i++) {
                InvitationCandidate c = chain.get(i);
                if (!c.state.equals("JOINED") && !c.state.equals("INVITED")) {
                    continue;
                }
                for (int k = i + 1; k < chain.size(); k++) {
                    InvitationCandidate later = chain.get(k);
                    if (later.rebind && !later.state.equals("FAILED") && !later.source.equals("invite_queue")
                            && !java.util.Objects.equals(later.teamRef, c.teamRef)) {
                        c.end("REBOUND", later.created, "rebound to another team (reference record #" + later.ref + ")");
                        break;
                    }
                }
            }
        }
    }

    /** The reference's expiry cleanup state on the code: {@code removed} → EXPIRED, {@code removal_failed} → flagged. */
    void codeStates(List<InvitationCandidate> candidates) {
        for (InvitationCandidate c : candidates) {
            SourceRow code = p.codesById.get(c.codeRef);
            String status = code == null ? null : code.label("status");
            if ("removed".equals(status) && (c.state.equals("JOINED") || c.state.equals("INVITED"))) {
                c.end("EXPIRED", Planning.orElse(code.time("removed_at"), p.now), "expired: removed by the reference's expiry cleanup");
            } else if ("removal_failed".equals(status) && c.state.equals("JOINED")) {
                c.removalFailed = true;
            }
        }
    }

    /** JOINED members the reference's member list no longer shows have left the team: REMOVED. */
    void memberships(List<InvitationCandidate> candidates, MemberLists lists) {
        for (InvitationCandidate c : candidates) {
            if (c.state.equals("JOINED") && lists.known(c.teamRef) && !lists.shows(c.teamRef, c.email)) {
                c.end("REMOVED", Planning.orElse(lists.lastSynced.get(c.teamRef), p.now),
                        "imported: not in the team's member list when the reference last synced it");
                p.report.adjust(c.source, c.ref, Planning.masked(c.email), "accepted, but the reference's member list of the "
                        + "team no longer shows the member: REMOVED");
            }
        }
    }

    /** One live invitation per team and e-mail, one open non-rebind invitation per e-mail (V1's unique indexes). */
    void unique(List<InvitationCandidate> candidates) {
        Map<String, List<InvitationCandidate>> byTeamEmail = new LinkedHashMap<>();
        for (InvitationCandidate c : candidates) {
            if (c.live()) {
                byTeamEmail.computeIfAbsent(c.teamRef + "|" + c.email, k -> new ArrayList<>()).add(c);
            }
        }
        for (List<InvitationCandidate> group : byTeamEmail.values()) {
            InvitationCandidate first = group.get(0);
            Long existingTeam = p.existingTeam(first.teamRef);
            boolean taken = existingTeam != null && p.target.liveTeamEmails.contains(existingTeam + "|" + first.email);
            supersede(group, taken, "this e-mail has a newer or further invitation in the same team");
        }
        Map<String, List<InvitationCandidate>> byEmail = new LinkedHashMap<>();
        for (InvitationCandidate c : candidates) {
            if (!c.rebind && InvitationCandidate.OPEN.contains(c.state)) {
                byEmail.computeIfAbsent(c.email, k -> new ArrayList<>()).add(c);
            }
        }
        for (List<InvitationCandidate> group : byEmail.values()) {
            boolean taken = p.target.openEmails.contains(group.get(0).email);
            supersede(group, taken, "this e-mail holds a seat (or a place in the queue) through another invitation, "
                    + "and InviteHub allows one");
        }
    }

    private void supersede(List<InvitationCandidate> group, boolean takenInInviteHub, String why) {
        if (group.size() < 2 && !takenInInviteHub) {
            return;
        }
        group.sort(InvitationCandidate.BEST_FIRST);
        InvitationCandidate winner = takenInInviteHub ? null : group.get(0);
        for (InvitationCandidate c : group) {
            if (c == winner) {
                continue;
            }
            String reason = "imported: superseded: " + (winner == null ? "InviteHub has an open invitation of this e-mail already" : why
                    + " (reference " + winner.source + " #" + winner.ref + ")");
            String from = c.state;
            Instant at = InvitationCandidate.latest(InvitationCandidate.latest(c.created, c.accepted), winner == null ? p.now : winner.created);
            c.end(c.accepted != null ? "REMOVED" : "FAILED", at, reason);
            p.report.adjust(c.source, c.ref, Planning.masked(c.email), from + " ended " + c.state + ": " + reason);
        }
    }
}

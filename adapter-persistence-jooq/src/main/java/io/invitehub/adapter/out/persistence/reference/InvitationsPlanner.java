package io.invitehub.adapter.out.persistence.reference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Invite records (and waiting queue rows) become invitations; the mapping table of docs/operations.md
 * says which state each becomes and why. In short: {@code success} is INVITED until accepted, then JOINED
 * while the reference's member list (team_members) shows the member — REBOUND when a later rebind of the
 * same code and e-mail moved it, EXPIRED when the reference's expiry cleanup removed it (code status
 * {@code removed}), REMOVED when the member list no longer shows it. {@code failed} is FAILED, except a
 * distributor's removal ({@code 被分销商移除: …}, how old versions recorded it) and {@code removed}, which are
 * REMOVED. {@code pending} / {@code reserved} rows younger than {@code staleAfter} are RESERVED (InviteHub's
 * dispatcher sends them), older ones FAILED. Queue rows still waiting are WAITING in InviteHub's queue.
 * Then InviteHub's uniqueness rules, which the reference did not have, are applied: one live invitation per
 * team and e-mail, one open non-rebind invitation per e-mail — the best one (JOINED, INVITED, RESERVED,
 * WAITING; then the newest) stays, the others end (REMOVED when they had been accepted, else FAILED), each
 * reported. Finally the uses (per code) and seats (per team) the new invitations hold, and the members of
 * the reference's member lists that no live invitation explains (external members).
 */
final class InvitationsPlanner {
    private static final String REMOVED_BY_DISTRIBUTOR = "被分销商移除";

    private final Planning p;
    private int history;

    InvitationsPlanner(Planning p) {
        this.p = p;
    }

    void plan() {
        Map<String, Long> codeByValue = new HashMap<>();
        for (SourceRow code : p.data.codes()) {
            try {
                if (code.text("code") != null) {
                    codeByValue.putIfAbsent(code.text("code"), code.id());
                }
            } catch (SourceRow.BadValue ignored) {
                // reported with the code
            }
        }
        MemberLists lists = MemberLists.read(p);
        InvitationRules rules = new InvitationRules(p);
        HoldingsPlanner holdings = new HoldingsPlanner(p);

        List<InvitationCandidate> candidates = new ArrayList<>();
        records(codeByValue, candidates);
        queue(codeByValue, candidates);
        rules.rebinds(candidates);
        rules.codeStates(candidates);
        rules.memberships(candidates, lists);
        rules.unique(candidates);
        emit(candidates);
        holdings.activations(candidates);
        holdings.reportUses();
        holdings.reportSeats();
        holdings.externals();
    }

    private void records(Map<String, Long> codeByValue, List<InvitationCandidate> candidates) {
        String table = "invite_records";
        p.report.read(table, p.data.records().size());
        p.eachNew(table, p.data.records(), (id, row) -> {
            Long codeRef = code(table, id, row, codeByValue);
            String email = email(table, id, row);
            if (codeRef == null || email == null) {
                return;
            }
            Instant created = Planning.orElse(row.time("created_at"), p.now);
            Instant accepted = row.time("accepted_at");
            String status = row.label("status") == null ? "pending" : row.label("status");
            String error = row.trimmed("error_message");
            InvitationCandidate c;
            switch (status) {
                case "success":
                    c = candidate(table, id, codeRef, row, email, created, accepted, true, accepted == null ? "INVITED" : "JOINED");
                    break;
                case "removed":
                    c = candidate(table, id, codeRef, row, email, created, accepted, true, "REMOVED");
                    c.end("REMOVED", InvitationCandidate.latest(created, accepted), error != null ? error : "removed in the reference");
                    break;
                case "failed":
                    if (error != null && error.startsWith(REMOVED_BY_DISTRIBUTOR)) {
                        c = candidate(table, id, codeRef, row, email, created, accepted, true, "REMOVED");
                        c.end("REMOVED", InvitationCandidate.latest(created, accepted), error);
                    } else {
                        c = candidate(table, id, codeRef, row, email, created, accepted, false, "FAILED");
                        c.end("FAILED", created, error != null ? error : "failed in the reference");
                    }
                    break;
                case "pending":
                case "reserved":
                    boolean fresh = created.plus(p.staleAfter).isAfter(p.now);
                    c = candidate(table, id, codeRef, row, email, created, accepted, false, fresh ? "RESERVED" : "FAILED");
                    if (!fresh) {
                        c.end("FAILED", created, "imported: still " + status + " in the reference after "
                                + p.staleAfter.toHours() + " h (never sent); the use is given back");
                        p.report.adjust(table, id, Planning.masked(email), status + " since " + created
                                + ", longer than " + p.staleAfter.toHours() + " h: never sent, FAILED");
                    }
                    break;
                default:
                    p.report.skip(table, id, Planning.masked(email), "unknown status '" + status + "'");
                    return;
            }
            if (c.teamRef == null && c.live()) {
                p.report.skip(table, id, Planning.masked(email), "its team #" + row.integer("team_id") + " is not imported");
                return;
            }
            if (c.teamRef == null && row.integer("team_id") != null) {
                p.report.adjust(table, id, Planning.masked(email), "its team #" + row.integer("team_id")
                        + " is not imported; kept without a team");
            }
            candidates.add(c);
        });
    }

    private InvitationCandidate candidate(String table, long id, long codeRef, SourceRow row, String email, Instant created,
                                Instant accepted, boolean invited, String state) {
        Long team = row.integer("team_id");
        Long canonical = p.available("teams", team) ? p.canonicalTeam(team) : null;
        return new InvitationCandidate(table, id, codeRef, canonical, email, row.boolOr("is_rebind", false), created, accepted,
                invited, state);
    }

    private void queue(Map<String, Long> codeByValue, List<InvitationCandidate> candidates) {
        String table = "invite_queue";
        p.report.read(table, p.data.queue().size());
        Map<String, InvitationCandidate> openRecords = new HashMap<>();
        for (InvitationCandidate c : candidates) {
            if (c.live()) {
                openRecords.putIfAbsent(c.codeRef + "|" + c.email, c);
            }
        }
        p.eachNew(table, p.data.queue(), (id, row) -> {
            String status = row.label("status") == null ? "pending" : row.label("status");
            if (status.equals("success") || status.equals("failed")) {
                history++;
                return;
            }
            if (!status.equals("waiting") && !status.equals("pending") && !status.equals("processing")) {
                p.report.skip(table, id, null, "unknown status '" + status + "'");
                return;
            }
            Long codeRef = code(table, id, row, codeByValue);
            String email = email(table, id, row);
            if (codeRef == null || email == null) {
                return;
            }
            if (row.boolOr("is_rebind", false)) {
                p.report.skip(table, id, Planning.masked(email), "a waiting rebind is not imported: the member keeps "
                        + "the old seat and can ask for the rebind again");
                return;
            }
            InvitationCandidate record = openRecords.get(codeRef + "|" + email);
            if (record != null) {
                p.report.skip(table, id, Planning.masked(email), "already represented by invite record #" + record.ref);
                return;
            }
            candidates.add(new InvitationCandidate(table, id, codeRef, null, email, false,
                    Planning.orElse(row.time("created_at"), p.now), null, false, "WAITING"));
        });
        if (history > 0) {
            p.report.note(history + " finished queue row(s) (success, failed) are history and not imported");
        }
    }

    /** The reference code a row names by string (no foreign key in the reference), when it is imported. */
    private Long code(String table, long id, SourceRow row, Map<String, Long> codeByValue) {
        String value = row.text("redeem_code");
        if (value == null) {
            p.report.skip(table, id, null, "no code (a staff or LinuxDo invitation): InviteHub invitations belong to a code");
            return null;
        }
        Long ref = codeByValue.get(value);
        if (ref == null) {
            p.report.skip(table, id, null, "names a code that is not in the reference (deleted)");
            return null;
        }
        if (!p.available("redeem_codes", ref)) {
            p.report.skip(table, id, null, "its code #" + ref + " is not imported");
            return null;
        }
        return ref;
    }

    private String email(String table, long id, SourceRow row) {
        String email = Planning.email(row.trimmed("email")).orElse(null);
        if (email == null) {
            p.report.skip(table, id, null, "the e-mail is missing or not a valid address");
        }
        return email;
    }

    private void emit(List<InvitationCandidate> candidates) {
        candidates.sort(Comparator.comparing((InvitationCandidate c) -> c.created).thenComparing(c -> c.source).thenComparingLong(c -> c.ref));
        for (InvitationCandidate c : candidates) {
            boolean holds = c.holdsUse();
            p.plan.invitations.add(new ImportPlan.Invitation(c.source, c.ref, c.codeRef, c.teamRef, c.email, c.state, c.rebind,
                    holds, c.lastError, c.endReason, c.created, c.invited ? c.created : null, c.accepted,
                    InvitationCandidate.OPEN.contains(c.state) ? null : Planning.orElse(c.ended, c.created), c.removalFailed));
            p.report.imported(c.source);
            if (holds) {
                p.plan.usesTaken.merge(c.codeRef, 1, Integer::sum);
            }
            if (c.live()) {
                p.plan.seatsTaken.merge(c.teamRef, 1, Integer::sum);
            }
        }
    }
}

package io.invitehub.adapter.out.persistence.reference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private static final List<String> OPEN = List.of("WAITING", "RESERVED", "INVITED", "JOINED");

    private final Planning p;

    InvitationsPlanner(Planning p) {
        this.p = p;
    }

    /** An invitation being planned; its state moves as the rules above apply. */
    private static final class Candidate {
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

        Candidate(String source, long ref, long codeRef, Long teamRef, String email, boolean rebind, Instant created,
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
    }

    private static final Comparator<Candidate> BEST_FIRST = Comparator.comparingInt(Candidate::rank).reversed()
            .thenComparing((Candidate c) -> c.created, Comparator.reverseOrder())
            .thenComparing((Candidate c) -> c.ref, Comparator.reverseOrder());

    void plan() {
        Map<String, Long> codeByValue = new HashMap<>();
        p.data.codes().forEach(c -> {
            if (c.text("code") != null) {
                codeByValue.putIfAbsent(c.text("code"), c.id());
            }
        });
        Map<Long, Set<String>> members = new HashMap<>();
        Map<Long, Instant> lastSynced = new HashMap<>();
        readMembers(members, lastSynced);

        List<Candidate> candidates = new ArrayList<>();
        records(codeByValue, candidates);
        queue(codeByValue, candidates);
        rebinds(candidates);
        codeStates(candidates);
        memberships(candidates, members, lastSynced);
        unique(candidates);
        emit(candidates);
        externals(members);
    }

    private void readMembers(Map<Long, Set<String>> members, Map<Long, Instant> lastSynced) {
        for (SourceRow row : p.data.members()) {
            try {
                Long team = p.canonicalTeam(row.integer("team_id"));
                String email = Planning.email(row.trimmed("email")).orElse(null);
                if (team == null || email == null) {
                    continue;
                }
                members.computeIfAbsent(team, t -> new HashSet<>()).add(email);
                Instant synced = row.time("synced_at");
                if (synced != null) {
                    lastSynced.merge(team, synced, (a, b) -> a.isAfter(b) ? a : b);
                }
            } catch (SourceRow.BadValue ignored) {
                // an unreadable cache row only means one member less in the list
            }
        }
    }

    private void records(Map<String, Long> codeByValue, List<Candidate> candidates) {
        String table = "invite_records";
        p.report.read(table, p.data.records().size());
        for (SourceRow row : p.data.records()) {
            long id;
            try {
                id = row.id();
            } catch (SourceRow.BadValue e) {
                p.report.skip(table, -1, null, e.getMessage());
                continue;
            }
            if (p.ids.has(table, id)) {
                p.report.already(table);
                continue;
            }
            try {
                Long codeRef = code(table, id, row, codeByValue);
                String email = email(table, id, row);
                if (codeRef == null || email == null) {
                    continue;
                }
                Instant created = Planning.orElse(row.time("created_at"), p.now);
                Instant accepted = row.time("accepted_at");
                String status = row.label("status") == null ? "pending" : row.label("status");
                String error = row.trimmed("error_message");
                Candidate c;
                switch (status) {
                    case "success":
                        c = candidate(table, id, codeRef, row, email, created, accepted, true, accepted == null ? "INVITED" : "JOINED");
                        break;
                    case "removed":
                        c = candidate(table, id, codeRef, row, email, created, accepted, true, "REMOVED");
                        c.end("REMOVED", latest(created, accepted), error != null ? error : "removed in the reference");
                        break;
                    case "failed":
                        if (error != null && error.startsWith(REMOVED_BY_DISTRIBUTOR)) {
                            c = candidate(table, id, codeRef, row, email, created, accepted, true, "REMOVED");
                            c.end("REMOVED", latest(created, accepted), error);
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
                        continue;
                }
                if (c.teamRef == null && c.live()) {
                    p.report.skip(table, id, Planning.masked(email), "its team #" + row.integer("team_id") + " is not imported");
                    continue;
                }
                if (c.teamRef == null && row.integer("team_id") != null) {
                    p.report.adjust(table, id, Planning.masked(email), "its team #" + row.integer("team_id")
                            + " is not imported; kept without a team");
                }
                candidates.add(c);
            } catch (SourceRow.BadValue e) {
                p.report.skip(table, id, null, e.getMessage());
            }
        }
    }

    private Candidate candidate(String table, long id, long codeRef, SourceRow row, String email, Instant created,
                                Instant accepted, boolean invited, String state) {
        Long team = row.integer("team_id");
        Long canonical = p.available("teams", team) ? p.canonicalTeam(team) : null;
        return new Candidate(table, id, codeRef, canonical, email, row.boolOr("is_rebind", false), created, accepted,
                invited, state);
    }

    private void queue(Map<String, Long> codeByValue, List<Candidate> candidates) {
        String table = "invite_queue";
        p.report.read(table, p.data.queue().size());
        int history = 0;
        Map<String, Candidate> openRecords = new HashMap<>();
        for (Candidate c : candidates) {
            if (c.live()) {
                openRecords.putIfAbsent(c.codeRef + "|" + c.email, c);
            }
        }
        for (SourceRow row : p.data.queue()) {
            long id;
            try {
                id = row.id();
            } catch (SourceRow.BadValue e) {
                p.report.skip(table, -1, null, e.getMessage());
                continue;
            }
            if (p.ids.has(table, id)) {
                p.report.already(table);
                continue;
            }
            try {
                String status = row.label("status") == null ? "pending" : row.label("status");
                if (status.equals("success") || status.equals("failed")) {
                    history++;
                    continue;
                }
                if (!status.equals("waiting") && !status.equals("pending") && !status.equals("processing")) {
                    p.report.skip(table, id, null, "unknown status '" + status + "'");
                    continue;
                }
                Long codeRef = code(table, id, row, codeByValue);
                String email = email(table, id, row);
                if (codeRef == null || email == null) {
                    continue;
                }
                if (row.boolOr("is_rebind", false)) {
                    p.report.skip(table, id, Planning.masked(email), "a waiting rebind is not imported: the member keeps "
                            + "the old seat and can ask for the rebind again");
                    continue;
                }
                Candidate record = openRecords.get(codeRef + "|" + email);
                if (record != null) {
                    p.report.skip(table, id, Planning.masked(email), "already represented by invite record #" + record.ref);
                    continue;
                }
                candidates.add(new Candidate(table, id, codeRef, null, email, false,
                        Planning.orElse(row.time("created_at"), p.now), null, false, "WAITING"));
            } catch (SourceRow.BadValue e) {
                p.report.skip(table, id, null, e.getMessage());
            }
        }
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

    /** A member moved by a later rebind of the same code and e-mail into another team: REBOUND. */
    private void rebinds(List<Candidate> candidates) {
        Map<String, List<Candidate>> byCodeEmail = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            byCodeEmail.computeIfAbsent(c.codeRef + "|" + c.email, k -> new ArrayList<>()).add(c);
        }
        for (List<Candidate> chain : byCodeEmail.values()) {
            chain.sort(Comparator.comparing((Candidate c) -> c.created).thenComparingLong(c -> c.ref));
            for (int i = 0; i < chain.size(); i++) {
                Candidate c = chain.get(i);
                if (!c.state.equals("JOINED") && !c.state.equals("INVITED")) {
                    continue;
                }
                for (int k = i + 1; k < chain.size(); k++) {
                    Candidate later = chain.get(k);
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
    private void codeStates(List<Candidate> candidates) {
        for (Candidate c : candidates) {
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
    private void memberships(List<Candidate> candidates, Map<Long, Set<String>> members, Map<Long, Instant> lastSynced) {
        for (Candidate c : candidates) {
            if (c.state.equals("JOINED") && members.containsKey(c.teamRef) && !members.get(c.teamRef).contains(c.email)) {
                c.end("REMOVED", Planning.orElse(lastSynced.get(c.teamRef), p.now),
                        "imported: not in the team's member list when the reference last synced it");
                p.report.adjust(c.source, c.ref, Planning.masked(c.email), "accepted, but the reference's member list of the "
                        + "team no longer shows the member: REMOVED");
            }
        }
    }

    /** One live invitation per team and e-mail, one open non-rebind invitation per e-mail (V1's unique indexes). */
    private void unique(List<Candidate> candidates) {
        Map<String, List<Candidate>> byTeamEmail = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (c.live()) {
                byTeamEmail.computeIfAbsent(c.teamRef + "|" + c.email, k -> new ArrayList<>()).add(c);
            }
        }
        for (List<Candidate> group : byTeamEmail.values()) {
            Candidate first = group.get(0);
            Long existingTeam = p.existingTeam(first.teamRef);
            boolean taken = existingTeam != null && p.target.liveTeamEmails.contains(existingTeam + "|" + first.email);
            supersede(group, taken, "this e-mail has a newer or further invitation in the same team");
        }
        Map<String, List<Candidate>> byEmail = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (!c.rebind && OPEN.contains(c.state)) {
                byEmail.computeIfAbsent(c.email, k -> new ArrayList<>()).add(c);
            }
        }
        for (List<Candidate> group : byEmail.values()) {
            boolean taken = p.target.openEmails.contains(group.get(0).email);
            supersede(group, taken, "this e-mail holds a seat (or a place in the queue) through another invitation, "
                    + "and InviteHub allows one");
        }
    }

    private void supersede(List<Candidate> group, boolean takenInInviteHub, String why) {
        if (group.size() < 2 && !takenInInviteHub) {
            return;
        }
        group.sort(BEST_FIRST);
        Candidate winner = takenInInviteHub ? null : group.get(0);
        for (Candidate c : group) {
            if (c == winner) {
                continue;
            }
            String reason = "imported: superseded: " + (winner == null ? "InviteHub has an open invitation of this e-mail already" : why
                    + " (reference " + winner.source + " #" + winner.ref + ")");
            String from = c.state;
            Instant at = latest(latest(c.created, c.accepted), winner == null ? p.now : winner.created);
            c.end(c.accepted != null ? "REMOVED" : "FAILED", at, reason);
            p.report.adjust(c.source, c.ref, Planning.masked(c.email), from + " ended " + c.state + ": " + reason);
        }
    }

    private void emit(List<Candidate> candidates) {
        candidates.sort(Comparator.comparing((Candidate c) -> c.created).thenComparing(c -> c.source).thenComparingLong(c -> c.ref));
        for (Candidate c : candidates) {
            boolean holds = OPEN.contains(c.state) || c.state.equals("EXPIRED");
            p.plan.invitations.add(new ImportPlan.Invitation(c.source, c.ref, c.codeRef, c.teamRef, c.email, c.state, c.rebind,
                    holds, c.lastError, c.endReason, c.created, c.invited ? c.created : null, c.accepted,
                    OPEN.contains(c.state) ? null : Planning.orElse(c.ended, c.created), c.removalFailed));
            p.report.imported(c.source);
            if (holds) {
                p.plan.usesTaken.merge(c.codeRef, 1, Integer::sum);
            }
            if (c.live()) {
                p.plan.seatsTaken.merge(c.teamRef, 1, Integer::sum);
            }
        }
        activations(candidates);
        reportUses();
        reportSeats();
    }

    /**
     * A code whose member joined but that the reference never marked activated (versions before activation
     * was recorded) is activated at its first acceptance, so its membership ends after validity_days as
     * InviteHub's expiry expects; without it the member would hold the seat for ever.
     */
    private void activations(List<Candidate> candidates) {
        Map<Long, Instant> firstAccepted = new HashMap<>();
        for (Candidate c : candidates) {
            if (c.accepted != null && !c.state.equals("FAILED")) {
                firstAccepted.merge(c.codeRef, c.accepted, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        firstAccepted.forEach((ref, at) -> {
            ImportPlan.Code code = p.plan.codes.get(ref);
            if (code != null && code.activatedAt() == null) {
                Instant ends = at.plus(java.time.Duration.ofDays(code.validityDays()));
                p.plan.codes.put(ref, new ImportPlan.Code(code.ref(), code.code(), code.ownerRef(), code.orderRef(),
                        code.groupRef(), code.maxUses(), code.expiresAt(), code.validityDays(), code.boundEmail(), at, ends,
                        code.rebindCount(), code.rebindLimit(), code.active(), code.note(), code.createdAt()));
                p.report.adjust("redeem_codes", ref, maskCode(code.code()), "never marked activated although its member "
                        + "joined: activated at the first acceptance, membership ends " + ends);
            }
        });
    }

    private void reportUses() {
        for (Map.Entry<Long, ImportPlan.Code> e : p.plan.codes.entrySet()) {
            ImportPlan.Code code = e.getValue();
            int uses = p.plan.usesTaken.getOrDefault(e.getKey(), 0);
            int used = code.maxUses() > 0 ? Math.min(uses, code.maxUses()) : uses;
            Long reference;
            try {
                reference = p.codesById.get(e.getKey()).integer("used_count");
            } catch (SourceRow.BadValue unreadable) {
                reference = null;
            }
            if (uses > used) {
                p.report.adjust("redeem_codes", e.getKey(), maskCode(code.code()), uses + " imported invitations hold a use "
                        + "but max_uses is " + code.maxUses() + ": used_count capped at " + used);
            } else if (reference != null && reference.longValue() != used) {
                p.report.adjust("redeem_codes", e.getKey(), maskCode(code.code()), "used_count " + reference
                        + " in the reference, " + used + " taken by its imported invitations");
            }
        }
        for (Map.Entry<Long, Integer> e : p.plan.usesTaken.entrySet()) {
            Long target = p.ids.target("redeem_codes", e.getKey());
            int[] current = target == null ? null : p.target.codeUses.get(target);
            if (current != null && current[0] > 0 && current[1] + e.getValue() > current[0]) {
                p.report.adjust("redeem_codes", e.getKey(), null, "imported earlier: " + e.getValue()
                        + " more use(s) from new invitations; used_count capped at max_uses " + current[0]);
            }
        }
    }

    private void reportSeats() {
        for (Map.Entry<Long, Integer> e : p.plan.seatsTaken.entrySet()) {
            Long existing = p.existingTeam(e.getKey());
            int[] current = existing == null ? null : p.target.teamSeats.get(existing);
            int max = current != null ? current[0] : p.plan.teams.get(e.getKey()).maxSeats();
            int reserved = (current != null ? current[1] : 0) + e.getValue();
            if (reserved > max) {
                p.report.adjust("teams", e.getKey(), null, "max_seats raised from " + max + " to " + reserved + ": "
                        + reserved + " live invitations hold a seat in it");
            }
        }
    }

    /** Members of the reference's member lists that no live invitation explains: InviteHub's external members. */
    private void externals(Map<Long, Set<String>> members) {
        Set<String> live = new HashSet<>();
        for (ImportPlan.Invitation i : p.plan.invitations) {
            if (i.live()) {
                live.add(i.teamRef() + "|" + i.email());
            }
        }
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        int invalid = 0;
        String table = "team_members";
        p.report.read(table, p.data.members().size());
        for (SourceRow row : p.data.members()) {
            try {
                Long team = row.integer("team_id");
                if (!p.available("teams", team)) {
                    continue;
                }
                team = p.canonicalTeam(team);
                String email = Planning.email(row.trimmed("email")).orElse(null);
                if (email == null) {
                    invalid++;
                    continue;
                }
                String key = team + "|" + email;
                if (!seen.add(key)) {
                    duplicates++;
                    continue;
                }
                Long existingTeam = p.existingTeam(team);
                if (live.contains(key) || existingTeam != null && (p.target.externals.contains(existingTeam + "|" + email)
                        || p.target.liveTeamEmails.contains(existingTeam + "|" + email))) {
                    continue;
                }
                p.plan.externals.add(new ImportPlan.External(team, email, row.trimmed("chatgpt_user_id"), row.trimmed("role"),
                        row.time("joined_at"), Planning.orElse(row.time("synced_at"), p.now)));
                p.report.imported(table);
            } catch (SourceRow.BadValue e) {
                invalid++;
            }
        }
        if (duplicates > 0) {
            p.report.note(duplicates + " duplicate member row(s) (same team and e-mail) collapsed");
        }
        if (invalid > 0) {
            p.report.note(invalid + " member row(s) without a valid e-mail ignored");
        }
        p.report.note("team_members is the reference's cache of the provider's member list: members no live invitation "
                + "explains become external members; InviteHub's sync refreshes them from the provider");
    }

    private static Instant latest(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    private static String maskCode(String value) {
        return io.invitehub.domain.code.Code.parse(value).masked();
    }
}

package io.invitehub.adapter.out.persistence.reference;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the planned invitations hold: a code's uses (its used_count, ADR 32), a team's seats (raising
 * max_seats where the reference had more members), the activation of codes whose member joined, and the
 * external members — the reference's member-list entries no live invitation explains.
 */
final class HoldingsPlanner {
    private final Planning p;

    HoldingsPlanner(Planning p) {
        this.p = p;
    }

    /**
     * A code whose member joined but that the reference never marked activated (versions before activation
     * was recorded) is activated at its first acceptance, so its membership ends after validity_days as
     * InviteHub's expiry expects; without it the member would hold the seat for ever.
     */
    void activations(List<InvitationCandidate> candidates) {
        Map<Long, Instant> firstAccepted = new HashMap<>();
        for (InvitationCandidate c : candidates) {
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

    void reportUses() {
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

    void reportSeats() {
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
    void externals() {
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

    private static String maskCode(String value) {
        return io.invitehub.domain.code.Code.parse(value).masked();
    }
}

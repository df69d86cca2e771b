package io.invitehub.adapter.out.persistence.reference;

import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.shared.DomainException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Redeem codes, marked {@code legacy} (V16, ADR 32) so a customer can type them as the reference printed
 * them. The owner is {@code created_by} when that user is an imported distributor; codes made by staff
 * are platform codes. {@code used_count} is not copied: its meaning changed between reference versions
 * (counted at redemption, later only when the member joined), so the invitation batch adds the uses its
 * imported invitations hold, as InviteHub counts them. The reference capped rebinds at one whatever
 * {@code rebind_limit} said ({@code min(limit, 1)}); that effective limit is imported.
 */
final class CodesPlanner {
    private final Planning p;
    private int linuxdo;

    CodesPlanner(Planning p) {
        this.p = p;
    }

    void plan() {
        String table = "redeem_codes";
        p.report.read(table, p.data.codes().size());
        Map<Long, String> values = new HashMap<>();
        for (SourceRow row : p.data.codes()) {
            try {
                if (!p.ids.has(table, row.id()) && row.text("code") != null) {
                    values.put(row.id(), Code.parse(row.text("code")).value());
                }
            } catch (SourceRow.BadValue | DomainException e) {
                // reported below
            }
        }
        Set<String> taken = TargetState.existingCodes(p.dsl, values.values());
        Map<String, Long> planned = new HashMap<>();
        List<String> dropped = new ArrayList<>();
        p.eachNew(table, p.data.codes(), (id, row) -> {
            String raw = row.text("code");
            Code code;
            try {
                code = Code.parse(raw);
            } catch (DomainException e) {
                p.report.skip(table, id, null, "the code cannot be typed into InviteHub: " + e.getMessage());
                return;
            }
            String label = code.masked();
            if (taken.contains(code.value())) {
                p.report.skip(table, id, label, "InviteHub has this code already");
                return;
            }
            Long first = planned.putIfAbsent(code.value(), id);
            if (first != null) {
                p.report.skip(table, id, label, "the same code as #" + first + " once spaces and hyphens are removed "
                        + "and letters upper-cased");
                return;
            }
            if (!raw.strip().equals(code.value())) {
                boolean caseOnly = raw.strip().toUpperCase(java.util.Locale.ROOT).equals(code.value());
                p.report.adjust(table, id, label, caseOnly
                        ? "stored upper-cased (the reference upper-cased what customers typed, so it could not match)"
                        : "stored without its spaces or hyphens (customers may type them; InviteHub ignores them)");
            }
            int maxUses = row.integerOr("max_uses", 1);
            if (maxUses < 0) {
                p.report.skip(table, id, label, "max_uses is negative");
                return;
            }
            int validity = row.integerOr("validity_days", 30);
            if (validity < 1 || validity > CodeTerms.MAX_VALIDITY_DAYS) {
                p.report.skip(table, id, label, "validity_days " + validity + " is outside 1.." + CodeTerms.MAX_VALIDITY_DAYS);
                return;
            }
            Long owner = row.integer("created_by");
            if (owner != null && !p.importedDistributor(owner)) {
                SourceRow user = p.usersById.get(owner);
                if (user == null) {
                    p.report.adjust(table, id, label, "created_by user #" + owner + " does not exist (deleted): a platform code");
                } else if ("distributor".equals(user.label("role"))) {
                    p.report.adjust(table, id, label, "its distributor, user #" + owner + ", is not imported: a platform code");
                }
                owner = null;
            }
            Long group = row.integer("group_id");
            if (group != null && !p.available("team_groups", group)) {
                p.report.adjust(table, id, label, "group #" + group + " is not imported; the code has no group");
                group = null;
            }
            Long order = p.orderOfCode.get(id);
            if (order != null && !p.available("orders", order)) {
                order = null;
            }
            String rawBound = row.trimmed("bound_email");
            String bound = Planning.email(rawBound).orElse(null);
            if (bound == null && rawBound != null) {
                p.report.adjust(table, id, label, "bound e-mail is not a valid address; imported unbound");
            }
            Instant activated = row.time("activated_at");
            int rebindCount = Math.max(0, row.integerOr("rebind_count", 0));
            int rebindLimit = Math.max(0, Math.min(row.integerOr("rebind_limit", 1), CodeTerms.DEFAULT_REBIND_LIMIT));
            String note = row.trimmed("note");
            if (note != null && note.length() > CodeTerms.MAX_NOTE_LENGTH) {
                dropped.add("#" + id);
                note = note.substring(0, CodeTerms.MAX_NOTE_LENGTH);
            }
            if ("linuxdo".equals(row.label("code_type"))) {
                linuxdo++;
            }
            p.plan.codes.put(id, new ImportPlan.Code(id, code.value(), owner, order, group, maxUses, row.time("expires_at"),
                    validity, bound, activated, activated == null ? null : activated.plus(Duration.ofDays(validity)),
                    rebindCount, rebindLimit, row.boolOr("is_active", true), note,
                    Planning.orElse(row.time("created_at"), p.now)));
            p.report.imported(table);
        });
        if (linuxdo > 0) {
            p.report.note(linuxdo + " code(s) of type linuxdo imported as ordinary codes: InviteHub has no LinuxDo sign-in, "
                    + "the code alone redeems them");
        }
        if (!dropped.isEmpty()) {
            p.report.note("notes longer than " + CodeTerms.MAX_NOTE_LENGTH + " characters cut: codes " + String.join(", ", dropped));
        }
        p.report.note("codes keep no used_count of the reference: each takes the uses its imported invitations hold "
                + "(ADR 32); differences are listed as ADJUST lines of redeem_codes");
    }
}

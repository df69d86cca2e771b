package io.invitehub.adapter.out.persistence.reference;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the planners share: the reference data, the plan being built, the report, the id map of earlier
 * runs, InviteHub's state, and the moment of the import. A reference row is <em>available</em> to rows
 * that refer to it when an earlier run imported it or this plan imports it.
 */
final class Planning {
    final ReferenceData data;
    final ImportPlan plan = new ImportPlan();
    final ImportReport report;
    final ImportIds ids;
    final TargetState target;
    final DSLContext dsl;
    final Instant now;
    final Duration staleAfter;
    final Map<Long, SourceRow> usersById = new HashMap<>();
    final Map<Long, SourceRow> codesById = new HashMap<>();
    /** Reference code → reference order it was delivered by (its note, or the order's redeem_code). */
    final Map<Long, Long> orderOfCode = new HashMap<>();

    Planning(ReferenceData data, ImportReport report, ImportIds ids, TargetState target, DSLContext dsl, Instant now,
             Duration staleAfter) {
        this.data = data;
        this.report = report;
        this.ids = ids;
        this.target = target;
        this.dsl = dsl;
        this.now = now;
        this.staleAfter = staleAfter;
        index(data.users(), usersById);
        index(data.codes(), codesById);
    }

    private static void index(List<SourceRow> rows, Map<Long, SourceRow> byId) {
        for (SourceRow row : rows) {
            try {
                byId.put(row.id(), row);
            } catch (SourceRow.BadValue ignored) {
                // reported when the row itself is planned
            }
        }
    }

    /** Plans one reference row whose id is known; a {@code return} skips the rest of the row. */
    @FunctionalInterface
    interface RowPlan {
        void plan(long id, SourceRow row);
    }

    /**
     * Plans, in order, each row of a reference table that no earlier run imported: a row whose id cannot be read
     * is skipped, one an earlier run imported counts as already there, and a value the plan cannot read skips
     * its row with the reason.
     */
    void eachNew(String table, List<SourceRow> rows, RowPlan plan) {
        for (SourceRow row : rows) {
            long id;
            try {
                id = row.id();
            } catch (SourceRow.BadValue e) {
                report.skip(table, -1, null, e.getMessage());
                continue;
            }
            if (ids.has(table, id)) {
                report.already(table);
                continue;
            }
            try {
                plan.plan(id, row);
            } catch (SourceRow.BadValue e) {
                report.skip(table, id, null, e.getMessage());
            }
        }
    }

    /** Whether the reference row is, or will be, in InviteHub. */
    boolean available(String table, Long ref) {
        if (ref == null) {
            return false;
        }
        if (ids.has(table, ref)) {
            return true;
        }
        switch (table) {
            case "users": return plan.users.containsKey(ref);
            case "team_groups": return plan.groups.containsKey(ref);
            case "teams": return plan.teams.containsKey(ref);
            case "plans": return plan.plans.containsKey(ref);
            case "orders": return plan.orders.containsKey(ref);
            case "redeem_codes": return plan.codes.containsKey(ref);
            default: throw new IllegalArgumentException(table);
        }
    }

    /** Whether the reference user is a distributor that is, or will be, in InviteHub: who may own codes. */
    boolean importedDistributor(Long userRef) {
        SourceRow user = userRef == null ? null : usersById.get(userRef);
        return user != null && "distributor".equals(user.label("role")) && available("users", userRef);
    }

    /** The InviteHub id a reference team has already (earlier run, or a team of the same account), or null. */
    Long existingTeam(Long teamRef) {
        Long id = ids.target("teams", teamRef);
        if (id != null) {
            return id;
        }
        ImportPlan.Team team = teamRef == null ? null : plan.teams.get(teamRef);
        if (team == null) {
            return null;
        }
        return team.existingId() != null ? team.existingId() : team.sameAsRef() != null ? existingTeam(team.sameAsRef()) : null;
    }

    /** The reference team a planned team merges into (itself unless it duplicates an earlier one's account). */
    Long canonicalTeam(Long teamRef) {
        ImportPlan.Team team = teamRef == null ? null : plan.teams.get(teamRef);
        return team != null && team.sameAsRef() != null ? canonicalTeam(team.sameAsRef()) : teamRef;
    }

    /** The e-mail in InviteHub's normal form, or empty when InviteHub would refuse it. */
    static Optional<String> email(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Email.of(raw).value());
        } catch (DomainException e) {
            return Optional.empty();
        }
    }

    static String masked(String email) {
        return email == null ? "" : Email.of(email).masked();
    }

    static Instant orElse(Instant value, Instant fallback) {
        return value != null ? value : fallback;
    }
}

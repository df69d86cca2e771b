package io.invitehub.adapter.out.persistence.reference;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.team.Team;

import java.util.HashMap;
import java.util.Map;

/**
 * Teams. The reference's bearer token ({@code session_token}) and {@code device_id} become the
 * credentials the ChatGPT adapter reads ({@code {"access_token", "device_id"}}); the writer seals them
 * through {@code Teams.create}, the path the service itself uses (ADR 16). {@code cookie} has no use in
 * InviteHub and is dropped. A disabled team is PAUSED; otherwise {@code status} maps as is (ACTIVE when
 * absent, as in old SQLite databases). Two reference teams of one workspace ({@code account_id} is not
 * unique there) become one team; a team whose workspace InviteHub has already is merged into it.
 */
final class TeamsPlanner {
    private final Planning p;
    private int cookies;

    TeamsPlanner(Planning p) {
        this.p = p;
    }

    void plan() {
        String table = "teams";
        p.report.read(table, p.data.teams().size());
        Map<String, Long> byAccount = new HashMap<>();
        p.eachNew(table, p.data.teams(), (id, row) -> {
            try {
                planTeam(table, id, row, byAccount);
            } catch (DomainException e) {
                p.report.skip(table, id, null, e.getMessage());
            }
        });
        if (cookies > 0) {
            p.report.note(cookies + " team cookie(s) dropped: InviteHub's ChatGPT adapter sends the bearer token and device id only");
        }
    }

    private void planTeam(String table, long id, SourceRow row, Map<String, Long> byAccount) {
        String account = row.trimmed("account_id");
        String name = row.trimmed("name") == null ? account : row.trimmed("name");
        if (account == null) {
            p.report.skip(table, id, name, "no account_id (the workspace id)");
            return;
        }
        int maxSeats = row.integerOr("max_seats", 5);
        if (maxSeats < 1 || maxSeats > Team.MAX_SEATS_LIMIT) {
            int fixed = Math.max(1, Math.min(maxSeats, Team.MAX_SEATS_LIMIT));
            p.report.adjust(table, id, name, "max_seats " + maxSeats + " is outside 1.." + Team.MAX_SEATS_LIMIT
                    + "; imported as " + fixed);
            maxSeats = fixed;
        }
        if (name.length() > Team.MAX_NAME_LENGTH) {
            p.report.adjust(table, id, null, "name longer than " + Team.MAX_NAME_LENGTH + " characters; cut");
            name = name.substring(0, Team.MAX_NAME_LENGTH);
        }
        Team.validateNew(name, account, maxSeats);
        Long existing = p.target.teamsByAccount.get(account);
        Long sameAs = byAccount.get(account);
        if (existing != null) {
            p.report.adjust(table, id, name, "InviteHub has team #" + existing + " for this workspace already; "
                    + "merged into it (its name, credentials and seats kept)");
        } else if (sameAs != null) {
            p.report.adjust(table, id, name, "same workspace (account_id) as team #" + sameAs + "; merged into it");
        }
        byAccount.putIfAbsent(account, id);
        String token = row.trimmed("session_token");
        if (token == null && existing == null && sameAs == null) {
            p.report.adjust(table, id, name, "no session token: imported without credentials (status TOKEN_INVALID)");
        }
        if (row.trimmed("cookie") != null) {
            cookies++;
        }
        Long group = row.integer("group_id");
        if (group != null && !p.available("team_groups", group)) {
            p.report.adjust(table, id, name, "group #" + group + " is not imported; the team has no group");
            group = null;
        }
        String status = status(row, token == null);
        p.plan.teams.put(id, new ImportPlan.Team(id, name, account, credentials(token, row.trimmed("device_id")),
                maxSeats, group, status, Planning.orElse(row.time("created_at"), p.now),
                Planning.orElse(row.time("updated_at"), Planning.orElse(row.time("created_at"), p.now)),
                existing, existing == null ? sameAs : null));
        p.report.imported(table);
    }

    private String status(SourceRow row, boolean noToken) {
        if (noToken) {
            return "TOKEN_INVALID";
        }
        if (!row.boolOr("is_active", true)) {
            return "PAUSED";
        }
        String status = row.label("status");
        if (status == null) {
            return "ACTIVE";
        }
        switch (status) {
            case "active": return "ACTIVE";
            case "paused": return "PAUSED";
            case "banned": return "BANNED";
            case "token_invalid": return "TOKEN_INVALID";
            default:
                p.report.adjust("teams", row.id(), null, "unknown status '" + status + "'; imported as PAUSED");
                return "PAUSED";
        }
    }

    /** The text the ChatGPT adapter reads: the bare token, or JSON with the device id. Never printed. */
    static String credentials(String token, String deviceId) {
        if (token == null) {
            return null;
        }
        if (deviceId == null) {
            return token;
        }
        return "{\"access_token\":" + json(token) + ",\"device_id\":" + json(deviceId) + "}";
    }

    /** A JSON string literal (RFC 8259 escapes); the two values are tokens and ids, no need for a JSON library. */
    static String json(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}

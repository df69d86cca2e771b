package io.invitehub.adapter.out.persistence.reference;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Users and team groups. Roles: {@code admin}, {@code operator}, {@code distributor} in any case;
 * {@code viewer} has no counterpart (OPERATOR could write) and is skipped, as are disabled staff accounts
 * (InviteHub staff have no disabled flag). A disabled distributor becomes SUSPENDED; otherwise its
 * {@code approval_status} maps as is ({@code approved} when the column is absent: before migration 012
 * every user was approved). bcrypt hashes are kept as they are.
 */
final class AccountsPlanner {
    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}$");
    private static final int MAX_USERNAME = 100;

    private final Planning p;
    private int rejectionReasons;

    AccountsPlanner(Planning p) {
        this.p = p;
    }

    void plan() {
        planUsers();
        planGroups();
    }

    private void planUsers() {
        String table = "users";
        p.report.read(table, p.data.users().size());
        Set<String> emails = new HashSet<>(p.target.emails);
        p.eachNew(table, p.data.users(), (id, row) -> {
            String username = row.trimmed("username");
            if (username == null || username.length() > MAX_USERNAME) {
                p.report.skip(table, id, null, "username is missing or longer than " + MAX_USERNAME + " characters");
                return;
            }
            String taken = p.target.usernames.get(username.toLowerCase(Locale.ROOT));
            if (taken != null) {
                p.report.skip(table, id, username, "an InviteHub user is already called '" + taken + "' ("
                        + (taken.equals(username) ? "" : "usernames are unique regardless of case; ")
                        + "rename one of them in the reference and run again)");
                return;
            }
            String role = row.label("role");
            if (role == null) {
                role = "viewer";   // the reference model's default
            }
            boolean active = row.boolOr("is_active", true);
            String ourRole;
            String approval = null;
            switch (role) {
                case "admin": ourRole = "ADMIN"; break;
                case "operator": ourRole = "OPERATOR"; break;
                case "distributor": ourRole = "DISTRIBUTOR"; break;
                case "viewer":
                    p.report.skip(table, id, username, "role viewer has no counterpart in InviteHub (OPERATOR could write); "
                            + "create the account by hand if it is needed");
                    return;
                default:
                    p.report.skip(table, id, username, "unknown role '" + role + "'");
                    return;
            }
            if (!ourRole.equals("DISTRIBUTOR") && !active) {
                p.report.skip(table, id, username, "disabled staff account: InviteHub staff accounts cannot be disabled");
                return;
            }
            if (ourRole.equals("DISTRIBUTOR")) {
                String status = Optional.ofNullable(row.label("approval_status")).orElse("approved");
                switch (status) {
                    case "pending": approval = "PENDING"; break;
                    case "approved": approval = "APPROVED"; break;
                    case "rejected": approval = "REJECTED"; break;
                    default:
                        p.report.skip(table, id, username, "unknown approval_status '" + status + "'");
                        return;
                }
                if (!active) {
                    p.report.adjust(table, id, username, "disabled distributor (is_active false) imported as SUSPENDED, was "
                            + approval);
                    approval = "SUSPENDED";
                }
            }
            String hash = row.trimmed("hashed_password");
            if (hash == null) {
                p.report.skip(table, id, username, "no password hash");
                return;
            }
            if (!BCRYPT.matcher(hash).matches()) {
                p.report.adjust(table, id, username, "the password hash is not bcrypt: this account cannot sign in until "
                        + "its password is reset");
            }
            String rawEmail = row.trimmed("email");
            String email = Planning.email(rawEmail).orElse(null);
            if (email == null && rawEmail != null) {
                p.report.adjust(table, id, username, "e-mail is not a valid address; imported without e-mail");
            } else if (email != null && !emails.add(email)) {
                p.report.adjust(table, id, username, "e-mail " + Planning.masked(email)
                        + " belongs to another user once lower-cased; imported without e-mail");
                email = null;
            }
            if (row.trimmed("rejection_reason") != null) {
                rejectionReasons++;
            }
            p.target.usernames.put(username.toLowerCase(Locale.ROOT), username);
            p.plan.users.put(id, new ImportPlan.User(id, username, email, hash, ourRole, approval,
                    Planning.orElse(row.time("created_at"), p.now),
                    Planning.orElse(row.time("updated_at"), Planning.orElse(row.time("created_at"), p.now))));
            p.report.imported(table);
        });
        if (rejectionReasons > 0) {
            p.report.note(rejectionReasons + " rejection reason(s) of distributors are not imported (InviteHub keeps none)");
        }
    }

    private void planGroups() {
        String table = "team_groups";
        p.report.read(table, p.data.groups().size());
        Map<String, Long> planned = new HashMap<>();
        p.eachNew(table, p.data.groups(), (id, row) -> {
            String name = row.trimmed("name");
            if (name == null) {
                p.report.skip(table, id, null, "no name");
                return;
            }
            Long existing = p.target.groupsByName.get(name);
            if (existing == null && planned.containsKey(name)) {
                p.report.skip(table, id, name, "a second group named '" + name + "'");
                return;
            }
            if (existing != null) {
                p.report.adjust(table, id, name, "merged into InviteHub's group #" + existing + " of the same name");
            }
            planned.put(name, id);
            p.plan.groups.put(id, new ImportPlan.Group(id, name, existing, Planning.orElse(row.time("created_at"), p.now)));
            p.report.imported(table);
        });
        if (!p.data.groups().isEmpty()) {
            p.report.note("team groups keep their name only (description, color and alert_threshold have no counterpart)");
        }
    }
}

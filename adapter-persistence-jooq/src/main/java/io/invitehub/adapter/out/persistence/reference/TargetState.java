package io.invitehub.adapter.out.persistence.reference;

import org.jooq.DSLContext;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What InviteHub's database holds before the import, as far as the plan must respect it: names and keys
 * that are unique, open invitations (one live invitation per team and e-mail, one open non-rebind
 * invitation per e-mail), external members, and the counters the import adds to.
 */
final class TargetState {
    /** Usernames by their lower-case form: InviteHub's are unique regardless of case (V19). */
    final Map<String, String> usernames = new HashMap<>();
    final Set<String> emails = new HashSet<>();
    final Map<String, Long> groupsByName = new HashMap<>();
    final Map<String, Long> teamsByAccount = new HashMap<>();
    final Set<String> orderNos = new HashSet<>();
    final Set<String> tradeNos = new HashSet<>();
    /** E-mails with an open (WAITING … JOINED, REMOVING) non-rebind invitation. */
    final Set<String> openEmails = new HashSet<>();
    /** {@code teamId|email} of live invitations (RESERVED, INVITED, JOINED, REMOVING). */
    final Set<String> liveTeamEmails = new HashSet<>();
    /** {@code teamId|email} of external members. */
    final Set<String> externals = new HashSet<>();
    /** team id → {max_seats, seats_reserved}. */
    final Map<Long, int[]> teamSeats = new HashMap<>();
    /** code id → {max_uses, used_count}, for the codes of earlier imports only. */
    final Map<Long, int[]> codeUses = new HashMap<>();

    static TargetState load(DSLContext dsl) {
        TargetState s = new TargetState();
        dsl.fetch("select username, lower(email) from users").forEach(r -> {
            String username = r.get(0, String.class);
            s.usernames.put(username.toLowerCase(Locale.ROOT), username);
            if (r.get(1) != null) {
                s.emails.add(r.get(1, String.class));
            }
        });
        dsl.fetch("select name, id from team_groups").forEach(r -> s.groupsByName.put(r.get(0, String.class), r.get(1, Long.class)));
        dsl.fetch("select provider_account_id, id, max_seats, seats_reserved from teams").forEach(r -> {
            s.teamsByAccount.put(r.get(0, String.class), r.get(1, Long.class));
            s.teamSeats.put(r.get(1, Long.class), new int[] {r.get(2, Integer.class), r.get(3, Integer.class)});
        });
        dsl.fetch("select order_no, trade_no from orders").forEach(r -> {
            s.orderNos.add(r.get(0, String.class));
            if (r.get(1) != null) {
                s.tradeNos.add(r.get(1, String.class));
            }
        });
        dsl.fetch("select email, team_id, is_rebind, state in ('RESERVED', 'INVITED', 'JOINED', 'REMOVING') from invitations"
                + " where state in ('WAITING', 'RESERVED', 'INVITED', 'JOINED', 'REMOVING')").forEach(r -> {
            String email = r.get(0, String.class);
            if (!r.get(2, Boolean.class)) {
                s.openEmails.add(email);
            }
            if (r.get(3, Boolean.class)) {
                s.liveTeamEmails.add(r.get(1, Long.class) + "|" + email);
            }
        });
        dsl.fetch("select team_id, email from team_external_members")
                .forEach(r -> s.externals.add(r.get(0, Long.class) + "|" + r.get(1, String.class).toLowerCase(Locale.ROOT)));
        dsl.fetch("select c.id, c.max_uses, c.used_count from redeem_codes c join reference_import_ids m"
                        + " on m.target_id = c.id and m.source_table = 'redeem_codes'")
                .forEach(r -> s.codeUses.put(r.get(0, Long.class), new int[] {r.get(1, Integer.class), r.get(2, Integer.class)}));
        return s;
    }

    /** Which of {@code candidates} some InviteHub code already has (one statement per 10 000 values). */
    static Set<String> existingCodes(DSLContext dsl, java.util.Collection<String> candidates) {
        Set<String> found = new HashSet<>();
        java.util.List<String> all = new java.util.ArrayList<>(candidates);
        for (int from = 0; from < all.size(); from += 10_000) {
            String[] chunk = all.subList(from, Math.min(all.size(), from + 10_000)).toArray(new String[0]);
            dsl.fetch("select code from redeem_codes where code = any(?)", (Object) chunk)
                    .forEach(r -> found.add(r.get(0, String.class)));
        }
        return found;
    }
}

package io.invitehub.adapter.out.persistence.reference;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The reference's member lists ({@code team_members}, its cache of the provider's members, rewritten by
 * every sync): lower-cased e-mails per team (duplicate account teams merged) and when each list was last
 * synced. A team with no list at all tells nothing about who left.
 */
final class MemberLists {
    final Map<Long, Set<String>> members = new HashMap<>();
    final Map<Long, Instant> lastSynced = new HashMap<>();

    static MemberLists read(Planning p) {
        MemberLists lists = new MemberLists();
        lists.load(p);
        return lists;
    }

    boolean known(Long team) {
        return members.containsKey(team);
    }

    boolean shows(Long team, String email) {
        return members.getOrDefault(team, Set.of()).contains(email);
    }

    private void load(Planning p) {
        for (SourceRow row : p.data.members()) {
            try {
                Long team = p.canonicalTeam(row.integer("team_id"));
                String email = Planning.email(row.trimmed("email")).orElse(null);
                if (team == null || email == null) {
                    continue;
                }
                members.computeIfAbsent(team, t -> new java.util.HashSet<>()).add(email);
                Instant synced = row.time("synced_at");
                if (synced != null) {
                    lastSynced.merge(team, synced, (a, b) -> a.isAfter(b) ? a : b);
                }
            } catch (SourceRow.BadValue ignored) {
                // an unreadable cache row only means one member less in the list
            }
        }
    }
}

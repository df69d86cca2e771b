package io.invitehub.adapter.out.persistence.reference;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reference tables the import reads, each row as {@link SourceRow}. A table the reference database
 * does not have (an old schema: no {@code plans} before migration 015, no {@code invite_queue} before
 * the model created it) is empty; an absent column reads as NULL.
 */
record ReferenceData(Map<String, Set<String>> columns, List<SourceRow> users, List<SourceRow> groups,
                     List<SourceRow> teams, List<SourceRow> members, List<SourceRow> plans, List<SourceRow> orders,
                     List<SourceRow> codes, List<SourceRow> records, List<SourceRow> queue, List<SourceRow> configs) {

    /** The tables read, in import order. */
    static final List<String> TABLES = List.of("users", "team_groups", "teams", "team_members", "plans", "orders",
            "redeem_codes", "invite_records", "invite_queue", "system_configs");

    static ReferenceData read(ReferenceSource source) {
        Map<String, Set<String>> columns = TABLES.stream().collect(Collectors.toMap(t -> t, source::columns));
        return new ReferenceData(columns, source.rows("users"), source.rows("team_groups"), source.rows("teams"),
                source.rows("team_members"), source.rows("plans"), source.rows("orders"), source.rows("redeem_codes"),
                source.rows("invite_records"), source.rows("invite_queue"), source.rows("system_configs"));
    }

    boolean has(String table, String column) {
        return columns.getOrDefault(table, Set.of()).contains(column);
    }
}

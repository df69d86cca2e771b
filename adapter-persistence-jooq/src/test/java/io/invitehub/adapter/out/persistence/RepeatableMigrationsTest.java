package io.invitehub.adapter.out.persistence;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repeatable migrations ({@code R__*.sql}, ADR 24) hold the functions and triggers as they run today. On a
 * database that the versioned migrations alone brought up to date (an installation from before the R__ files),
 * applying them must change no function and no trigger; a fresh database ends with the same definitions. A
 * versioned migration that changes a function or trigger without the same change in its R__ file fails here:
 * the repeatable file, applied last, would silently undo it.
 */
class RepeatableMigrationsTest {
    /**
     * Definitions a repeatable migration changes on purpose, relative to the versioned migrations (each with
     * its ADR). The R__ files were introduced as copies of the definitions in force.
     */
    private static final Set<String> CHANGED_BY_REPEATABLES = Set.of(
            // ADR 63: WHEN clauses, the function called only when it has something to do (update-only triggers)
            "trigger redeem_codes.redeem_codes_member_ends", "trigger redeem_codes.redeem_codes_statistics",
            "trigger invitations.invitations_statistics",
            // ADR 79: no statistics_add call for an invitation whose change moves none of its totals (a RESERVED insert)
            "function invitations_statistics");
    /**
     * Definitions that exist only in a repeatable migration (new since ADR 24: a new function is written there,
     * never in a versioned migration), each with its ADR.
     */
    private static final Set<String> ADDED_BY_REPEATABLES = Set.of(
            // ADR 39: invitations by state for the metrics (table: V38)
            "function invitation_state_count_add", "function invitation_state_counts", "function invitation_state_counts_inserted", "function invitation_state_counts_deleted",
            "trigger invitations.invitation_state_counts_insert", "trigger invitations.invitation_state_counts_delete",
            "trigger invitations.invitation_state_counts_update",
            // ADR 37: settlement (tables: V43, V44)
            "function settlement_period", "function invitations_settlement",
            "function orders_settlement", "function ledger_entries_append_only", "function statements_frozen",
            "trigger invitations.invitations_settlement", "trigger orders.orders_settlement",
            "trigger ledger_entries.ledger_entries_append_only", "trigger statements.statements_frozen",
            // ADR 63: the delete and insert halves of triggers that were one, each with its own WHEN clause
            "trigger redeem_codes.redeem_codes_statistics_delete", "trigger invitations.invitations_statistics_insert",
            // ADR 64: a new redemption in one round trip
            "function redeem_new", "function redeem_new_accepts");
    private static final List<String> REPEATABLES = List.of("R__distributor_brands.sql", "R__invitation_state_counts.sql",
            "R__member_ends_at.sql", "R__redeem.sql", "R__settlement.sql", "R__statistics_maintenance.sql", "R__statistics_rollups.sql",
            "R__statistics_triggers.sql");

    @Test
    void theRepeatableMigrationsChangeNoDefinitionOfAnExistingDatabase() throws SQLException {
        PGSimpleDataSource existing = dataSource(TestPostgres.emptyDatabase());
        // what a release before ADR 24 left: every versioned migration, no repeatable one
        Flyway.configure().dataSource(existing).locations("classpath:db/migration")
                .repeatableSqlMigrationPrefix("NO_REPEATABLES_")
                .javaMigrations(new SealPlaintextTeamCredentials(java.util.Optional.empty()))
                .load().migrate();
        Map<String, String> before = definitions(existing);
        assertThat(before).as("the versioned migrations define the statistics and lifecycle functions")
                .containsKeys("function statistics_add", "function invitations_statistics", "function statistics_compact_daily",
                        "function redeem_codes_member_ends", "trigger redeem_codes.redeem_codes_statistics_insert",
                        "trigger invitations.invitations_member_ends_on_insert", "function distributor_default_slug",
                        "trigger users.users_distributor_brand");

        int applied = JooqPersistence.migrate(existing);

        assertThat(applied).as("the repeatable migrations ran").isEqualTo(REPEATABLES.size());
        Map<String, String> after = definitions(existing);
        assertThat(before.keySet()).doesNotContainAnyElementsOf(ADDED_BY_REPEATABLES);
        Set<String> expected = new java.util.TreeSet<>(before.keySet());
        expected.addAll(ADDED_BY_REPEATABLES);
        assertThat(after.keySet()).isEqualTo(expected);
        after.forEach((name, definition) -> {
            if (!CHANGED_BY_REPEATABLES.contains(name) && !ADDED_BY_REPEATABLES.contains(name)) {
                assertThat(definition).as(name).isEqualTo(before.get(name));
            }
        });
    }

    @Test
    void aFreshDatabaseEndsWithTheDefinitionsOfTheRepeatableMigrations() throws SQLException {
        PGSimpleDataSource fresh = dataSource(TestPostgres.emptyDatabase());
        JooqPersistence.migrate(fresh);
        Map<String, String> full = definitions(fresh);

        // applying them again (as after a change of their text) is harmless: same definitions
        try (Connection c = fresh.getConnection(); Statement st = c.createStatement()) {
            for (String file : REPEATABLES) {
                st.execute(resource("db/migration/" + file));
            }
        }
        assertThat(definitions(fresh)).isEqualTo(full);
    }

    /** Every function and trigger of the public schema, by name, with PostgreSQL's own text of its definition. */
    private static Map<String, String> definitions(PGSimpleDataSource ds) throws SQLException {
        Map<String, String> all = new TreeMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select p.proname, pg_get_functiondef(p.oid) from pg_proc p"
                    + " join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.prokind = 'f'")) {
                while (rs.next()) {
                    all.put("function " + rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("select c.relname, t.tgname, pg_get_triggerdef(t.oid) from pg_trigger t"
                    + " join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace"
                    + " where n.nspname = 'public' and not t.tgisinternal")) {
                while (rs.next()) {
                    all.put("trigger " + rs.getString(1) + "." + rs.getString(2), rs.getString(3));
                }
            }
        }
        return all;
    }

    private static String resource(String path) {
        try (var in = RepeatableMigrationsTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PGSimpleDataSource dataSource(PersistenceSettings settings) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(settings.jdbcUrl());
        ds.setUser(settings.user());
        ds.setPassword(settings.password());
        return ds;
    }
}

package io.invitehub.bootstrap.cli;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.TestPostgres;
import io.invitehub.bootstrap.Sql;
import io.invitehub.library.config.Settings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MigrateCommandTest {

    @Test
    void migrateAppliesTheSchemaOnceAndThenHasNothingToDo() {
        PersistenceSettings empty = TestPostgres.emptyDatabase();
        Settings settings = Settings.from(Map.of("INVITEHUB_DB_URL", empty.jdbcUrl(), "INVITEHUB_TEAM_PROVIDER", "simulated",
                "INVITEHUB_SECRETS_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32]),
                "INVITEHUB_DB_USER", empty.user(),
                "INVITEHUB_DB_PASSWORD", empty.password() == null ? "" : empty.password()));

        assertThat(run(settings)).contains("applied " + migrationFiles() + " migration(s)");
        assertThat(run(settings)).contains("applied 0 migration(s)");
        assertThat(new Sql(empty).count("select count(*) from information_schema.tables where table_name = 'invitations'")).isEqualTo(1);
    }

    /**
     * Every migration of the persistence adapter, so a new migration does not break this test: the
     * versioned SQL files (V6, V6_2 …), the Java migration 6.1 that seals plaintext team credentials
     * (ADR 16), and the repeatable R__ files (ADR 24), which a new database applies once after them.
     */
    private static long migrationFiles() {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(
                java.nio.file.Path.of("../adapter-persistence-jooq/src/main/resources/db/migration"))) {
            return files.filter(f -> f.getFileName().toString().matches("(V[0-9]+(_[0-9]+)*|R)__.*\\.sql")).count() + 1;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String run(Settings settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.migrate(settings, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}

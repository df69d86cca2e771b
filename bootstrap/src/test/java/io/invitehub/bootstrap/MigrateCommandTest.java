package io.invitehub.bootstrap;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.TestPostgres;
import io.invitehub.bootstrap.config.Settings;
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
        Settings settings = Settings.from(Map.of("INVITEHUB_DB_URL", empty.jdbcUrl(), "INVITEHUB_DB_USER", empty.user(),
                "INVITEHUB_DB_PASSWORD", empty.password() == null ? "" : empty.password()));

        // every migration on the classpath (V1, V3 statistics, and whatever follows)
        assertThat(run(settings)).containsPattern("applied [1-9][0-9]* migration\\(s\\)");
        assertThat(run(settings)).contains("applied 0 migration(s)");
        assertThat(new Sql(empty).count("select count(*) from information_schema.tables where table_name = 'invitations'")).isEqualTo(1);
    }

    private static String run(Settings settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.migrate(settings, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}

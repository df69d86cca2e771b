package io.invitehub.adapter.out.persistence;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V19: usernames become unique regardless of case. Accounts that already differed only in case keep
 * working: the oldest keeps its name, later ones are renamed '<name>-<id>' and the rename is audited.
 */
class UsernameCaseMigrationTest {
    private static final MigrationVersion V19 = MigrationVersion.fromVersion("19");

    @Test
    void existingCaseDuplicatesAreRenamedAndAuditedThenTheIndexHolds() throws Exception {
        PersistenceSettings db = TestPostgres.emptyDatabase();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.jdbcUrl());
        ds.setUser(db.user());
        ds.setPassword(db.password());
        // the schema as it was right before V19, whatever came before it
        List<MigrationVersion> versions = Arrays.stream(flyway(ds, MigrationVersion.LATEST).info().all())
                .map(MigrationInfo::getVersion).filter(Objects::nonNull).sorted().collect(Collectors.toList());
        MigrationVersion before = versions.stream().filter(v -> !v.isNewerThan(V19) && !v.equals(V19))
                .reduce((a, b) -> b).orElseThrow();
        long fromV19On = versions.stream().filter(v -> v.equals(V19) || v.isNewerThan(V19)).count();
        flyway(ds, before).migrate();
        execute(ds, "insert into users (username, password_hash, role) values ('admin', 'h1', 'ADMIN'), ('ADMIN', 'h2', 'OPERATOR'), "
                + "('Admin', 'h3', 'OPERATOR'), ('other', 'h4', 'OPERATOR')");

        assertThat(JooqPersistence.migrate(ds)).as("V19 and what follows it").isEqualTo((int) fromV19On);

        assertThat(texts(ds, "select username || ' ' || password_hash from users order by id")).containsExactly(
                "admin h1", "ADMIN-" + id(ds, "h2") + " h2", "Admin-" + id(ds, "h3") + " h3", "other h4");
        assertThat(texts(ds, "select action || ' ' || target_id || ' ' || actor_role from audit_log order by id")).containsExactly(
                "USERNAME_RENAMED " + id(ds, "h2") + " SYSTEM", "USERNAME_RENAMED " + id(ds, "h3") + " SYSTEM");
        assertThatThrownBy(() -> execute(ds, "insert into users (username, password_hash, role) values ('aDmIn', 'x', 'ADMIN')"))
                .rootCause().hasMessageContaining("users_username_lower_key");
    }

    private static Flyway flyway(PGSimpleDataSource ds, MigrationVersion target) {
        return Flyway.configure().dataSource(ds).locations("classpath:db/migration")
                .javaMigrations(new SealPlaintextTeamCredentials(Optional.empty())).target(target).load();
    }

    private static long id(PGSimpleDataSource ds, String hash) {
        return Long.parseLong(texts(ds, "select id from users where password_hash = '" + hash + "'").get(0));
    }

    private static void execute(PGSimpleDataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> texts(PGSimpleDataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (r.next()) {
                out.add(r.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

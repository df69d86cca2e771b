package io.invitehub.bootstrap.embedded;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SPEC section 15 and ADR 27: the embedded PostgreSQL accepts only the service (scram-sha-256 over
 * 127.0.0.1 with generated passwords kept owner-only in the data directory, never {@code trust}); the
 * service works as a non-superuser role that owns its database and schema; a data directory made by
 * earlier versions (with {@code trust}) is upgraded in place at the next start.
 */
class EmbeddedDatabaseLockdownTest {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @Test
    void aFreshDataDirectoryAcceptsOnlyTheServiceByPassword(@TempDir Path parent) throws Exception {
        Path dataDir = parent.resolve("data");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            assertLockedDown(db, dataDir);
            PersistenceSettings service = db.settings(2);
            try (JooqPersistence persistence = TestPostgres.connect(service)) {
                assertThat(persistence.migrate()).as("the service role migrates its own schema").isPositive();
            }
            assertThat(texts(service, "select tableowner from pg_tables where schemaname = 'public'"))
                    .as("every table the service created is its own").isNotEmpty().containsOnly("invitehub");
            // zonky starts PostgreSQL with -F (fsync off) and synchronous_commit off: a crash could lose an
            // acknowledged redemption or corrupt the data directory; the embedded default runs durable (ADR 27, amendment)
            assertThat(texts(service, "select current_setting('fsync') || ' ' || current_setting('synchronous_commit')"
                    + " || ' ' || current_setting('full_page_writes')"))
                    .as("fsync, synchronous_commit, full_page_writes").containsExactly("on on on");
            assertThat(texts(service, "select current_setting('commit_delay')")).as("group commit, ADR 69").containsExactly("1000");
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.start(dataDir)) {
            assertThat(count(again.settings(1), "select count(*) from flyway_schema_history where success"))
                    .as("a restart keeps the data and the credentials").isPositive();
            assertLockedDown(again, dataDir);
        }
        assertOwnerOnly(dataDir);
    }

    @Test
    void aDataDirectoryMadeWithTrustIsUpgradedInPlace(@TempDir Path parent) throws Exception {
        Path dataDir = parent.resolve("data");
        Path pgDir = dataDir.resolve("postgres");
        Files.createDirectories(pgDir);
        // exactly how earlier versions started it: zonky's initdb (trust), the service as the superuser in db postgres
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(pgDir).setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60)).setServerConfig("listen_addresses", "localhost").start()) {
            PersistenceSettings asBefore = PersistenceSettings.of(old.getJdbcUrl("postgres", "postgres"), "postgres", "");
            try (JooqPersistence persistence = TestPostgres.connect(asBefore)) {
                persistence.migrate();
            }
            execute(asBefore, "insert into users (username, password_hash, role) values ('kept-admin', 'x', 'ADMIN')");
        }
        assertThat(hbaRules(pgDir)).as("the old layout really trusted everyone").anyMatch(l -> l.endsWith("trust"));

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            assertLockedDown(db, dataDir);
            PersistenceSettings service = db.settings(2);
            assertThat(texts(service, "select username from users")).as("the data is still there").containsExactly("kept-admin");
            assertThat(texts(service, "select tableowner from pg_tables where schemaname = 'public'"))
                    .as("tables made by the superuser now belong to the service").isNotEmpty().containsOnly("invitehub");
            assertThat(texts(service, "select distinct pg_get_userbyid(p.proowner) from pg_proc p "
                    + "join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'")).containsOnly("invitehub");
            assertThat(texts(service, "select distinct pg_get_userbyid(c.relowner) from pg_class c "
                    + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'")).containsOnly("invitehub");
            try (JooqPersistence persistence = TestPostgres.connect(service)) {
                assertThat(persistence.migrate()).as("nothing left to migrate, and the service may run Flyway").isZero();
            }
            execute(service, "insert into users (username, password_hash, role) values ('new-admin', 'x', 'ADMIN')");
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.start(dataDir)) {
            assertThat(texts(again.settings(1), "select username from users order by id")).containsExactly("kept-admin", "new-admin");
            assertLockedDown(again, dataDir);
        }
        assertOwnerOnly(dataDir);
    }

    private static void assertLockedDown(EmbeddedDatabase db, Path dataDir) throws Exception {
        Path pgDir = dataDir.resolve("postgres");
        assertThat(hbaRules(pgDir)).as("pg_hba.conf: only password authentication over 127.0.0.1")
                .isNotEmpty().allMatch(l -> l.startsWith("host ") && l.contains("127.0.0.1/32") && l.endsWith("scram-sha-256"));
        assertThat(Files.readString(pgDir.resolve("pg_hba.conf"))).doesNotContainPattern("(?m)^[^#]*\\btrust\\b");

        int port = db.port();
        for (String user : List.of("postgres", "invitehub")) {
            for (String database : List.of("postgres", "invitehub", "template1")) {
                assertThatThrownBy(() -> connect(port, database, user, null).close())
                        .as("%s to %s without a password", user, database).isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> connect(port, database, user, "wrong-password").close())
                        .as("%s to %s with a wrong password", user, database).isInstanceOf(SQLException.class)
                        .hasMessageMatching("(?s).*(password authentication failed|no pg_hba.conf entry).*");
            }
        }
        assertThatThrownBy(() -> connect(port, "invitehub", "nobody", "x").close()).isInstanceOf(SQLException.class);
        assertThat(Files.exists(Path.of("/tmp/.s.PGSQL." + port))).as("no Unix socket in /tmp").isFalse();

        PersistenceSettings service = db.settings(1);
        assertThat(service.user()).isEqualTo("invitehub");
        assertThat(service.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/invitehub");
        assertThat(texts(service, "select rolsuper::text || ' ' || rolcreaterole::text || ' ' || rolcreatedb::text || ' '"
                + " || rolreplication::text || ' ' || rolbypassrls::text from pg_roles where rolname = current_user"))
                .containsExactly("false false false false false");
        assertThat(texts(service, "select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'public'"))
                .as("the service owns the application schema").containsExactly("invitehub");
        assertThat(texts(service, "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"))
                .containsExactly("invitehub");
        assertThat(texts(service, "select pg_has_role(current_user, r, 'member')::text from unnest(array["
                + "'pg_execute_server_program', 'pg_read_server_files', 'pg_write_server_files', 'pg_read_all_data']) r"))
                .containsOnly("false");
        assertThatThrownBy(() -> execute(service, "copy (select 1) to program 'id'"))
                .as("COPY … TO PROGRAM is refused to the service").hasRootCauseInstanceOf(SQLException.class)
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> execute(service, "copy (select 1) to '/tmp/invitehub-copy-test'"))
                .hasRootCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> execute(service, "alter system set listen_addresses = '*'"))
                .hasRootCauseInstanceOf(SQLException.class);
    }

    /** Every file the service and its database keep under the data directory is owner-only; directories too. */
    private static void assertOwnerOnly(Path dataDir) throws IOException {
        List<String> loose = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dataDir)) {
            all.filter(p -> !Files.isSymbolicLink(p)).forEach(p -> {
                try {
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                    if (perms.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                        loose.add(dataDir.relativize(p) + " " + PosixFilePermissions.toString(perms));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertThat(loose).as("files or directories readable by group or others").isEmpty();
        for (String secret : List.of("postgres-superuser-password", "postgres-service-password")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(secret)))).isEqualTo("rw-------");
            assertThat(Files.readString(dataDir.resolve(secret)).strip()).hasSizeGreaterThanOrEqualTo(32);
        }
    }

    /** The rules of pg_hba.conf: its lines without comments and blank lines, whitespace collapsed. */
    private static List<String> hbaRules(Path pgDir) throws IOException {
        return Files.readAllLines(pgDir.resolve("pg_hba.conf")).stream()
                .map(l -> l.replaceAll("#.*", "").trim().replaceAll("\\s+", " "))
                .filter(l -> !l.isEmpty()).toList();
    }

    private static Connection connect(int port, String database, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
    }

    private static void execute(PersistenceSettings db, String sql) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static long count(PersistenceSettings db, String sql) {
        return Long.parseLong(texts(db, sql).get(0));
    }

    private static List<String> texts(PersistenceSettings db, String sql) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (r.next()) {
                out.add(r.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}

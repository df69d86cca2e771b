package io.invitehub.adapter.out.persistence;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ADR 27: the throw-away PostgreSQL that tests start themselves (embedded binaries) is not open to every
 * local user while the suite runs: its superuser has a random password for this run, authentication is
 * scram-sha-256 only, over 127.0.0.1, with no Unix socket.
 */
class TestPostgresLockdownTest {

    @Test
    void theEmbeddedTestServerWantsThePasswordOfThisRun() throws Exception {
        assumeTrue(TestPostgres.description().startsWith("embedded"), "only the server the tests start themselves");
        PersistenceSettings db = TestPostgres.freshDatabase();
        URI uri = URI.create(db.jdbcUrl().substring("jdbc:".length()));

        assertThat(db.password()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(uri.getHost()).isEqualTo("127.0.0.1");
        for (String database : List.of("postgres", "template1", uri.getPath().substring(1))) {
            assertThatThrownBy(() -> connect(uri, database, null).close()).as("no password to %s", database)
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(uri, database, "wrong").close()).as("a wrong password to %s", database)
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        }
        try (Connection c = connect(uri, "postgres", db.password()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select type || ' ' || auth_method from pg_hba_file_rules")) {
            List<String> rules = new ArrayList<>();
            while (r.next()) {
                rules.add(r.getString(1));
            }
            assertThat(rules).isNotEmpty().noneMatch(rule -> rule.endsWith("trust"))
                    .allMatch(rule -> rule.equals("host scram-sha-256") || rule.equals("local reject"));
        }
        try (Connection c = connect(uri, "postgres", db.password()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select current_setting('unix_socket_directories') || '|' || current_setting('listen_addresses')")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("|127.0.0.1");
        }
    }

    private static Connection connect(URI uri, String database, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/" + database, p);
    }
}

package io.invitehub.adapter.out.persistence.reference;

import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The reference's database, read only: its default SQLite file ({@code jdbc:sqlite:/path/app.db}) or
 * PostgreSQL ({@code jdbc:postgresql://…}). The schema is what the tables actually hold (JDBC metadata),
 * never {@code alembic_version}, whose revision ids say little (ADR 32). PostgreSQL is read in one
 * REPEATABLE READ read-only transaction, so every table comes from the same snapshot.
 */
public final class ReferenceSource implements AutoCloseable {
    /** Which of the reference's two databases this is. */
    public enum Dialect { SQLITE, POSTGRESQL }

    private final Connection connection;
    private final Dialect dialect;
    private final String description;
    private final Map<String, String> tables;

    private ReferenceSource(Connection connection, Dialect dialect, String description) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.description = description;
        this.tables = readTables();
    }

    /**
     * Opens {@code jdbcUrl} read-only. User and password may also be URL parameters (PostgreSQL).
     * Refuses other databases and a SQLite path that does not exist (the driver would create it).
     */
    public static ReferenceSource open(String jdbcUrl, Optional<String> user, Optional<String> password) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("--from is required: jdbc:sqlite:/path/app.db or jdbc:postgresql://host/db");
        }
        String url = jdbcUrl.strip();
        try {
            if (url.startsWith("jdbc:sqlite:")) {
                String file = url.substring("jdbc:sqlite:".length());
                int query = file.indexOf('?');
                Path path = Path.of(query < 0 ? file : file.substring(0, query));
                if (file.isEmpty() || file.startsWith(":memory:") || !Files.isRegularFile(path)) {
                    throw new IllegalArgumentException("no SQLite database at " + path + " (--from jdbc:sqlite:/path/app.db)");
                }
                SQLiteConfig config = new SQLiteConfig();
                config.setReadOnly(true);
                Connection c = DriverManager.getConnection(url, config.toProperties());
                return new ReferenceSource(c, Dialect.SQLITE, "SQLite " + path.toAbsolutePath());
            }
            if (url.startsWith("jdbc:postgresql:")) {
                Properties properties = new Properties();
                user.ifPresent(u -> properties.setProperty("user", u));
                password.ifPresent(p -> properties.setProperty("password", p));
                properties.setProperty("ApplicationName", "invitehub import-reference");
                Connection c = DriverManager.getConnection(url, properties);
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
                return new ReferenceSource(c, Dialect.POSTGRESQL, "PostgreSQL " + withoutSecrets(url));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the reference database " + withoutSecrets(url) + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("--from must be a jdbc:sqlite: or jdbc:postgresql: URL");
    }

    /** The URL without its query (which may carry a password). */
    public static String withoutSecrets(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    public Dialect dialect() {
        return dialect;
    }

    public String description() {
        return description;
    }

    boolean hasTable(String table) {
        return tables.containsKey(table);
    }

    /** The columns a table has (lower case), in table order; empty when the table is absent. */
    Set<String> columns(String table) {
        String actual = tables.get(table);
        if (actual == null) {
            return Set.of();
        }
        Set<String> columns = new LinkedHashSet<>();
        try (ResultSet r = connection.getMetaData().getColumns(null, schema(), actual, null)) {
            while (r.next()) {
                columns.add(r.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the columns of " + table + ": " + e.getMessage(), e);
        }
        return columns;
    }

    /** Every row of {@code table} in id order; empty when the table is absent. */
    List<SourceRow> rows(String table) {
        String actual = tables.get(table);
        if (actual == null) {
            return List.of();
        }
        List<SourceRow> rows = new ArrayList<>();
        String order = columns(table).contains("id") ? " order by \"id\"" : "";
        try (Statement st = connection.createStatement()) {
            st.setFetchSize(1000);
            try (ResultSet r = st.executeQuery("select * from \"" + actual.replace("\"", "\"\"") + "\"" + order)) {
                ResultSetMetaData meta = r.getMetaData();
                int n = meta.getColumnCount();
                String[] names = new String[n];
                for (int i = 0; i < n; i++) {
                    names[i] = meta.getColumnLabel(i + 1).toLowerCase(Locale.ROOT);
                }
                while (r.next()) {
                    Map<String, String> values = new LinkedHashMap<>(n * 2);
                    for (int i = 0; i < n; i++) {
                        values.put(names[i], r.getString(i + 1));
                    }
                    rows.add(new SourceRow(table, values));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + table + " of the reference: " + e.getMessage(), e);
        }
        return rows;
    }

    private Map<String, String> readTables() throws SQLException {
        Map<String, String> found = new LinkedHashMap<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet r = meta.getTables(null, schema(), "%", new String[] {"TABLE"})) {
            while (r.next()) {
                String name = r.getString("TABLE_NAME");
                found.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            }
        }
        return found;
    }

    private String schema() throws SQLException {
        return dialect == Dialect.POSTGRESQL ? connection.getSchema() : null;
    }

    @Override
    public void close() {
        try {
            if (dialect == Dialect.POSTGRESQL) {
                connection.rollback();
            }
            connection.close();
        } catch (SQLException e) {
            // read only: nothing to lose
        }
    }
}

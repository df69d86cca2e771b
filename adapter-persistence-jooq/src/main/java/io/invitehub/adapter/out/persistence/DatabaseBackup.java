package io.invitehub.adapter.out.persistence;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A logical backup of InviteHub's schema without {@code pg_dump} (ADR 46): the embedded binaries have none,
 * and a client of another major version refuses the server. {@link #write} copies every table with
 * {@code COPY … TO STDOUT} inside one {@code REPEATABLE READ READ ONLY} transaction — one snapshot, so the copy
 * is consistent while the service keeps writing, and it blocks no writer — plus every sequence's value and the
 * schema's migration version, into a ZIP: {@code manifest.properties}, {@code tables/<name>.copy} (PostgreSQL's
 * text COPY format, column list in the manifest) and any extra files the caller adds (the embedded default's
 * keys). {@link #restore} migrates an empty database to the backup's schema version, loads every table in one
 * transaction with triggers and foreign-key checks off ({@code session_replication_role = replica}: the rows
 * are already consistent, and the statistics triggers must not count them again), and sets the sequences.
 */
public final class DatabaseBackup {
    public static final String FORMAT = "invitehub-backup-1";
    static final String MANIFEST = "manifest.properties";
    static final String TABLES = "tables/";
    public static final String FILES = "files/";

    private DatabaseBackup() {
    }

    /** What a backup holds: the schema version, rows per table, and the extra files' names. */
    public record Summary(String schemaVersion, Map<String, Long> rows, List<String> files) {
        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Writes a backup of the database {@code db} to {@code out} (not closed), with {@code files} (name → bytes) added. */
    public static Summary write(PersistenceSettings db, OutputStream out, Map<String, byte[]> files) {
        try (Connection c = connect(db)) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            String version = schemaVersion(c);
            Map<String, List<String>> tables = tables(c);
            Map<String, Long> sequences = sequences(c);
            ZipOutputStream zip = new ZipOutputStream(new FilterOutputStream(out) {
                @Override
                public void close() throws IOException {
                    flush(); // the caller closes its own stream
                }
            });
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            Map<String, Long> rows = new TreeMap<>();
            for (Map.Entry<String, List<String>> table : tables.entrySet()) {
                zip.putNextEntry(new ZipEntry(TABLES + table.getKey() + ".copy"));
                rows.put(table.getKey(), copy.copyOut("COPY " + quote(table.getKey()) + " (" + columns(table.getValue()) + ") TO STDOUT",
                        new FilterOutputStream(zip) {
                            @Override
                            public void write(byte[] b, int off, int len) throws IOException {
                                out.write(b, off, len);
                            }

                            @Override
                            public void close() {
                                // the entry is closed by the ZIP
                            }
                        }));
                zip.closeEntry();
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(FILES + file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
            Properties manifest = new Properties();
            manifest.setProperty("format", FORMAT);
            manifest.setProperty("schema_version", version);
            manifest.setProperty("created_at", Instant.now().toString());
            tables.forEach((name, cols) -> {
                manifest.setProperty("table." + name + ".columns", String.join(",", cols));
                manifest.setProperty("table." + name + ".rows", Long.toString(rows.get(name)));
            });
            sequences.forEach((name, value) -> manifest.setProperty("sequence." + name, Long.toString(value)));
            zip.putNextEntry(new ZipEntry(MANIFEST));
            manifest.store(zip, "InviteHub backup (docs/operations.md)");
            zip.closeEntry();
            zip.finish();
            zip.close();
            c.rollback();
            return new Summary(version, rows, List.copyOf(files.keySet()));
        } catch (SQLException e) {
            throw new IllegalStateException("backup failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("backup failed while writing", e);
        }
    }

    /**
     * Restores a backup into an empty database; returns its summary and hands each extra file to {@code files}.
     * The database is migrated to the backup's schema version first, as {@code owner} (the service's role, which
     * must own the schema, ADR 27); the rows are then loaded as {@code loader}, a role of the same database that may
     * set {@code session_replication_role} (the superuser of the embedded default). Migrate it further afterwards.
     *
     * @throws IllegalStateException when the database already holds InviteHub's schema, or the file is no backup
     */
    public static Summary restore(PersistenceSettings owner, PersistenceSettings loader, java.nio.file.Path backup,
                                  java.util.function.BiConsumer<String, byte[]> files) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(backup.toFile())) {
            return restore(owner, loader, zip, files);
        } catch (java.util.zip.ZipException e) {
            throw new IllegalStateException("not an InviteHub backup (not a ZIP file): " + backup, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the backup " + backup, e);
        }
    }

    private static Summary restore(PersistenceSettings owner, PersistenceSettings db, java.util.zip.ZipFile zip,
                                   java.util.function.BiConsumer<String, byte[]> files) throws IOException {
        Properties manifest = new Properties();
        ZipEntry manifestEntry = zip.getEntry(MANIFEST);
        if (manifestEntry == null) {
            throw new IllegalStateException("not an InviteHub backup (no manifest)");
        }
        try (InputStream in = zip.getInputStream(manifestEntry)) {
            manifest.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
        }
        if (!FORMAT.equals(manifest.getProperty("format"))) {
            throw new IllegalStateException("not an InviteHub backup (format " + manifest.getProperty("format") + ")");
        }
        String version = manifest.getProperty("schema_version");
        try (Connection c = connect(db)) {
            if (hasSchema(c)) {
                throw new IllegalStateException("the target database is not empty (it has InviteHub's tables); restore only into an empty one");
            }
            Flyway.configure().dataSource(owner.jdbcUrl(), owner.user(), owner.password()).locations("classpath:db/migration")
                    .javaMigrations(new SealPlaintextTeamCredentials(java.util.Optional.empty()))
                    .target(version).failOnMissingLocations(true).load().migrate();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local session_replication_role = replica");
                List<String> names = new ArrayList<>();
                for (String key : manifest.stringPropertyNames()) {
                    if (key.startsWith("table.") && key.endsWith(".columns")) {
                        names.add(key.substring("table.".length(), key.length() - ".columns".length()));
                    }
                }
                if (!names.isEmpty()) {
                    // migrations may seed rows; the backup's rows replace them
                    s.execute("truncate " + String.join(", ", names.stream().map(DatabaseBackup::quote).toList()));
                }
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            Map<String, Long> rows = new TreeMap<>();
            List<String> restoredFiles = new ArrayList<>();
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                String name = entry.getName();
                if (name.startsWith(TABLES) && name.endsWith(".copy")) {
                    String table = name.substring(TABLES.length(), name.length() - ".copy".length());
                    String cols = manifest.getProperty("table." + table + ".columns");
                    if (cols == null) {
                        throw new IllegalStateException("the backup's table " + table + " is not in its manifest");
                    }
                    try (InputStream data = zip.getInputStream(entry)) {
                        rows.put(table, copy.copyIn("COPY " + quote(table) + " (" + columns(List.of(cols.split(","))) + ") FROM STDIN", data));
                    }
                } else if (name.startsWith(FILES)) {
                    try (InputStream data = zip.getInputStream(entry)) {
                        files.accept(name.substring(FILES.length()), data.readAllBytes());
                    }
                    restoredFiles.add(name.substring(FILES.length()));
                }
            }
            for (String key : manifest.stringPropertyNames()) {
                if (key.startsWith("table.") && key.endsWith(".rows")) {
                    String table = key.substring("table.".length(), key.length() - ".rows".length());
                    long expected = Long.parseLong(manifest.getProperty(key));
                    if (rows.getOrDefault(table, -1L) != expected) {
                        throw new IllegalStateException("table " + table + ": the backup says " + expected + " rows, "
                                + rows.getOrDefault(table, 0L) + " were loaded; nothing was restored");
                    }
                }
            }
            try (PreparedStatement setval = c.prepareStatement("select setval(?::regclass, ?, true)")) {
                for (String key : manifest.stringPropertyNames()) {
                    if (key.startsWith("sequence.")) {
                        setval.setString(1, quote(key.substring("sequence.".length())));
                        setval.setLong(2, Long.parseLong(manifest.getProperty(key)));
                        setval.execute();
                    }
                }
            }
            c.commit();
            return new Summary(version, rows, restoredFiles);
        } catch (SQLException e) {
            throw new IllegalStateException("restore failed (nothing was loaded): " + e.getMessage(), e);
        }
    }

    /** Whether {@code db} accepts a connection now (a running server behind a pid file, or not). */
    public static boolean answers(PersistenceSettings db) {
        try (Connection c = connect(db)) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Rows per table of {@code db}'s schema, counted exactly (for checks after a restore). */
    public static Map<String, Long> rowCounts(PersistenceSettings db) {
        try (Connection c = connect(db)) {
            Map<String, Long> counts = new TreeMap<>();
            for (String table : tables(c).keySet()) {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select count(*) from " + quote(table))) {
                    r.next();
                    counts.put(table, r.getLong(1));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count rows: " + e.getMessage(), e);
        }
    }

    private static Connection connect(PersistenceSettings db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    private static boolean hasSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                        + " where n.nspname = current_schema() and c.relname in ('flyway_schema_history', 'redeem_codes')")) {
            r.next();
            return r.getLong(1) > 0;
        }
    }

    private static String schemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select version from flyway_schema_history"
                + " where success and version is not null order by installed_rank desc limit 1")) {
            if (!r.next()) {
                throw new IllegalStateException("the database has no migrated InviteHub schema");
            }
            return r.getString(1);
        }
    }

    /** Every table of the schema but Flyway's own, with its stored (non-generated) columns in order. */
    private static Map<String, List<String>> tables(Connection c) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "select cl.relname, a.attname from pg_class cl join pg_namespace n on n.oid = cl.relnamespace"
                        + " join pg_attribute a on a.attrelid = cl.oid"
                        + " where n.nspname = current_schema() and cl.relkind in ('r', 'p') and not cl.relispartition"
                        + " and cl.relname <> 'flyway_schema_history' and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''"
                        + " order by cl.relname, a.attnum")) {
            while (r.next()) {
                tables.computeIfAbsent(r.getString(1), t -> new ArrayList<>()).add(r.getString(2));
            }
        }
        return tables;
    }

    private static Map<String, Long> sequences(Connection c) throws SQLException {
        Map<String, Long> sequences = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "select sequencename, last_value from pg_sequences where schemaname = current_schema() and last_value is not null")) {
            while (r.next()) {
                sequences.put(r.getString(1), r.getLong(2));
            }
        }
        return sequences;
    }

    private static String columns(List<String> columns) {
        return String.join(", ", columns.stream().map(DatabaseBackup::quote).toList());
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}

package io.invitehub.bootstrap.cli;

import io.invitehub.adapter.out.persistence.DatabaseBackup;
import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.library.config.ConfigurationException;
import io.invitehub.library.config.SecretsKey;
import io.invitehub.library.config.Settings;
import io.invitehub.bootstrap.embedded.EmbeddedDatabase;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./invitehub backup FILE} and {@code ./invitehub restore FILE} (ADR 46, docs/operations.md). The backup
 * is a consistent logical copy taken in one snapshot while the service runs ({@link DatabaseBackup}); for the
 * embedded default it also holds the data directory's keys (team credentials are sealed with the secrets key),
 * so the file is written owner-only. The restore is for the embedded default, into an empty data directory.
 */
public final class BackupCommand {
    /** The embedded default's key files that a restored data directory needs (its database passwords are new). */
    static final List<String> KEY_FILES = List.of("secrets-key", "jwt-secret", "sandbox-epay-key");

    private BackupCommand() {
    }

    public static DatabaseBackup.Summary backup(Settings settings, Path file, PrintStream out) {
        if (Files.exists(file)) {
            throw new IllegalArgumentException(file + " exists; a backup never overwrites a file");
        }
        Path target = file.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        DatabaseBackup.Summary summary;
        try (OutputStream sink = ownerOnly(partial)) {
            if (!settings.embeddedDatabase()) {
                summary = DatabaseBackup.write(external(settings), sink, Map.of());
            } else {
                Map<String, byte[]> keys = keyFiles(settings.database().dataDir());
                Optional<PersistenceSettings> running = EmbeddedDatabase.running(settings.database().dataDir()).filter(DatabaseBackup::answers);
                if (running.isPresent()) {
                    out.println("the service is running: copying from its database in one snapshot");
                    summary = DatabaseBackup.write(running.get(), sink, keys);
                } else {
                    try (EmbeddedDatabase embedded = EmbeddedDatabase.start(settings.database().dataDir())) {
                        summary = DatabaseBackup.write(embedded.settings(2), sink, keys);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + partial, e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the backup into place at " + target, e);
        }
        out.printf("backup written to %s: schema version %s, %d rows in %d tables%s%n", target, summary.schemaVersion(),
                summary.totalRows(), summary.rows().size(), summary.files().isEmpty() ? ""
                        : ", and " + String.join(", ", summary.files()) + " (keep the file private: it holds these keys)");
        return summary;
    }

    public static DatabaseBackup.Summary restore(Settings settings, Path file, PrintStream out) {
        if (!settings.embeddedDatabase()) {
            throw new ConfigurationException("restore loads the embedded default's data directory; for an external database (INVITEHUB_DB_URL) "
                    + "restore with psql or pg_restore as docs/operations.md shows");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file");
        }
        Path dataDir = settings.database().dataDir().toAbsolutePath();
        if (Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))) {
            throw new IllegalArgumentException(dataDir + " already holds a database; restore only into an empty data directory "
                    + "(set INVITEHUB_DATA_DIR to a new one, or move this one away)");
        }
        for (String key : KEY_FILES) {
            if (Files.exists(dataDir.resolve(key))) {
                throw new IllegalArgumentException(dataDir.resolve(key) + " exists; restore only into an empty data directory");
            }
        }
        DatabaseBackup.Summary summary;
        try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir)) {
            // the schema is migrated by the service role, which owns it (ADR 27); the rows are loaded by the
            // superuser, the only role that may turn triggers off for the load (session_replication_role)
            summary = DatabaseBackup.restore(embedded.settings(2), embedded.superuserSettings(2), file, (name, bytes) -> {
                if (KEY_FILES.contains(name)) {
                    writeOwnerOnly(dataDir.resolve(name), bytes);
                }
            });
            // then up to this build's schema, with the restored secrets key
            try (JooqPersistence persistence = JooqPersistence.connect(embedded.settings(2), SecretsKey.resolve(settings))) {
                int applied = persistence.migrate();
                out.printf("restored %d rows in %d tables into %s (schema version %s, %d newer migration(s) applied)%n",
                        summary.totalRows(), summary.rows().size(), dataDir, summary.schemaVersion(), applied);
            }
        }
        return summary;
    }

    private static PersistenceSettings external(Settings settings) {
        return PersistenceSettings.of(settings.database().url().orElseThrow(), settings.database().user(), settings.database().password())
                .withMaxPoolSize(2);
    }

    private static Map<String, byte[]> keyFiles(Path dataDir) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String key : KEY_FILES) {
            Path path = dataDir.resolve(key);
            try {
                if (Files.isRegularFile(path)) {
                    files.put(key, Files.readAllBytes(path));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        return files;
    }

    private static OutputStream ownerOnly(Path file) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            throw new IllegalArgumentException(file + " appeared meanwhile");
        }
        return new java.io.BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), 1 << 16);
    }

    private static void writeOwnerOnly(Path file, byte[] bytes) {
        try (OutputStream o = ownerOnly(file)) {
            o.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the error being reported matters more
        }
    }
}

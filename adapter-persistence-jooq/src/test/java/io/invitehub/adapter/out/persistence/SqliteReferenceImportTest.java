package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.reference.ReferenceSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The import from the reference's default database: a SQLite file of an old schema (ADR 32). */
class SqliteReferenceImportTest extends AbstractReferenceImportTest {
    private Path dir;

    @Override
    ReferenceDatabase createReference() {
        try {
            dir = Files.createTempDirectory("reference-sqlite");
            return ReferenceDatabase.sqlite(dir.resolve("app.db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @org.junit.jupiter.api.AfterAll
    void deleteTheFile() throws IOException {
        Files.deleteIfExists(dir.resolve("app.db"));
        Files.deleteIfExists(dir);
    }

    @Override
    ReferenceSource open(ReferenceDatabase reference) {
        return ReferenceSource.open(reference.url(), Optional.empty(), Optional.empty());
    }
}

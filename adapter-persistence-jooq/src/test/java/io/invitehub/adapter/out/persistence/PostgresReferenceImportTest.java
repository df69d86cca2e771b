package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.reference.ReferenceSource;

import java.util.Optional;

/** The import from a reference deployment on PostgreSQL, after its whole Alembic chain (ADR 32). */
class PostgresReferenceImportTest extends AbstractReferenceImportTest {
    private PersistenceSettings settings;

    @Override
    ReferenceDatabase createReference() {
        settings = TestPostgres.emptyDatabase();
        return ReferenceDatabase.postgres(settings);
    }

    @Override
    ReferenceSource open(ReferenceDatabase reference) {
        return ReferenceSource.open(reference.url(), Optional.of(settings.user()), Optional.of(settings.password()));
    }
}

package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import org.jooq.CloseableDSLContext;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * How this package opens its SQL: one JDBC connection of its own (no pool) to the database of the given settings, a
 * jOOQ context over it (the dialect read from the URL), the work run on it, the connection closed after, also when the
 * work fails. The one place the bench's dataset classes connect, so connection handling and jOOQ's settings live here.
 */
final class OneConnection {
    private OneConnection() {
    }

    /** Work on one connection that returns a value and may throw {@code X} (an interruption, say). */
    @FunctionalInterface
    interface Work<T, X extends Exception> {
        T on(DSLContext db) throws X;
    }

    /** Work on one connection that returns nothing. */
    @FunctionalInterface
    interface Step<X extends Exception> {
        void on(DSLContext db) throws X;
    }

    /** Opens one connection to {@code database}, runs {@code work} on it, closes it, and returns what the work returned. */
    static <T, X extends Exception> T call(PersistenceSettings database, Work<T, X> work) throws X {
        try (CloseableDSLContext db = DSL.using(database.jdbcUrl(), database.user(), database.password())) {
            return work.on(db);
        }
    }

    /** Opens one connection to {@code database}, runs {@code step} on it and closes it. */
    static <X extends Exception> void run(PersistenceSettings database, Step<X> step) throws X {
        call(database, db -> {
            step.on(db);
            return null;
        });
    }
}

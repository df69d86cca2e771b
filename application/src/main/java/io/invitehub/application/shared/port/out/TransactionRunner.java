package io.invitehub.application.shared.port.out;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: every repository called inside joins it. A runtime
 * exception rolls the whole transaction back and is rethrown unchanged.
 *
 * <p>When the database aborts the transaction because of concurrent ones (a deadlock, a serialization
 * failure), the outermost call runs {@code work} again in a new transaction, a bounded number of times
 * with a short random pause (ADR 28); a nested call never retries on its own. So {@code work} may run
 * more than once: it must do nothing outside the storage ports (no provider call, no mail, no Redis, no
 * wake-up) and report only through its return value or state it resets itself. When the retries are
 * used up, {@link TransactionConflictException} is thrown and nothing was changed.
 */
public interface TransactionRunner {
    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs {@code action} once the transaction open on this thread commits (never when it rolls back; once,
     * after the last attempt), or at once when none is open. For signals outside PostgreSQL that must not
     * run before the rows they announce are visible (wake-ups), also when a caller wraps a use case in a
     * transaction of its own (idempotency keys, ADR 44). A runner without transactions of its own runs it at once.
     */
    default void afterCommit(Runnable action) {
        action.run();
    }

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}

package io.invitehub.application.shared.port.out;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: every repository called inside joins it. A runtime
 * exception rolls the whole transaction back and is rethrown unchanged.
 */
public interface TransactionRunner {
    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}

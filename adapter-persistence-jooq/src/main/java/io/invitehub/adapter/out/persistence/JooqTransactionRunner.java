package io.invitehub.adapter.out.persistence;

import io.invitehub.application.shared.port.out.TransactionRunner;
import org.jooq.DSLContext;

import java.util.function.Supplier;

/** {@link TransactionRunner} on jOOQ's thread-bound transactions; a nested call becomes a savepoint. */
final class JooqTransactionRunner implements TransactionRunner {
    private final DSLContext dsl;

    JooqTransactionRunner(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return dsl.transactionResult(work::get);
    }
}

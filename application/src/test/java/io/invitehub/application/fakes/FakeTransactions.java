package io.invitehub.application.fakes;

import io.invitehub.application.fakes.MemoryTables.State;
import io.invitehub.application.shared.port.out.TransactionRunner;

import java.util.function.Supplier;

final class FakeTransactions extends FakeTable implements TransactionRunner {
    FakeTransactions(MemoryTables db) {
        super(db);
    }

    int committed;
    int rolledBack;

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        db.lock.lock();
        try {
            if (db.lock.getHoldCount() > 1) {
                return work.get();
            }
            State snapshot = state.copy();
            try {
                T result = work.get();
                committed++;
                return result;
            } catch (RuntimeException | Error e) {
                state.restore(snapshot);
                rolledBack++;
                throw e;
            }
        } finally {
            db.lock.unlock();
        }
    }
}

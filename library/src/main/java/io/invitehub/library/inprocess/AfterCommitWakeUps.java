package io.invitehub.library.inprocess;

import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.WakeUps;

import java.time.Duration;

/**
 * Wake-ups that wait for the transaction open on the signalling thread to commit ({@link TransactionRunner#afterCommit}).
 * Services signal after their own transaction returned; when a caller wrapped the use case in a transaction of
 * its own (an idempotent write, ADR 44) that is not the commit yet, and a worker woken now would find nothing.
 * Without an open transaction the signal goes out at once, as before.
 */
public final class AfterCommitWakeUps implements WakeUps {
    private final WakeUps delegate;
    private final TransactionRunner transactions;

    public AfterCommitWakeUps(WakeUps delegate, TransactionRunner transactions) {
        this.delegate = delegate;
        this.transactions = transactions;
    }

    @Override
    public void signal(Work work) {
        transactions.afterCommit(() -> delegate.signal(work));
    }

    @Override
    public boolean await(Work work, Duration max) throws InterruptedException {
        return delegate.await(work, max);
    }
}

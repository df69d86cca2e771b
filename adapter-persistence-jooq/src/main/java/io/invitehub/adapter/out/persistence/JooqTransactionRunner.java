package io.invitehub.adapter.out.persistence;

import io.invitehub.application.shared.port.out.TransactionConflictException;
import io.invitehub.application.shared.port.out.TransactionRunner;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * {@link TransactionRunner} on jOOQ's thread-bound transactions; a nested call becomes a savepoint.
 *
 * <p>The outermost call runs the work again when PostgreSQL aborted the transaction with
 * {@code 40P01} (deadlock detected) or {@code 40001} (serialization failure): at most
 * {@link #DEFAULT_ATTEMPTS} attempts, with a random pause that doubles per attempt (ADR 28). The lock
 * order of ADR 28 keeps deadlocks out of InviteHub's own transactions; the retry is the second line,
 * for what the order does not cover (statements outside it, admin SQL). Nested calls never retry: the
 * transaction they join is aborted as a whole, and only its outermost call can run it again.
 */
final class JooqTransactionRunner implements TransactionRunner {
    private static final Logger LOG = Logger.getLogger(JooqTransactionRunner.class.getName());
    static final String DEADLOCK = "40P01";
    static final String SERIALIZATION_FAILURE = "40001";
    static final int DEFAULT_ATTEMPTS = 5;
    static final Duration DEFAULT_BACKOFF = Duration.ofMillis(10);
    /** What a caller is told when the attempts are used up: a second is ample for the competitors to commit. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final DSLContext dsl;
    private final int attempts;
    private final Duration backoff;
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    /** What runs after the outermost transaction of this thread commits ({@link #afterCommit}). */
    private final ThreadLocal<List<Runnable>> afterCommit = ThreadLocal.withInitial(ArrayList::new);
    private final LongAdder deadlocks = new LongAdder();
    private final LongAdder serializationFailures = new LongAdder();
    private final LongAdder givenUp = new LongAdder();

    JooqTransactionRunner(DSLContext dsl) {
        this(dsl, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF);
    }

    JooqTransactionRunner(DSLContext dsl, int attempts, Duration backoff) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.dsl = dsl;
        this.attempts = attempts;
        this.backoff = backoff;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (depth.get()[0] > 0) {
            return run(work); // joins the outer transaction (a savepoint); the outermost call retries
        }
        for (int attempt = 1; ; attempt++) {
            afterCommit.get().clear(); // an attempt rolled back: what it deferred is gone with it
            T result;
            try {
                result = run(work);
            } catch (RuntimeException | Error e) {
                afterCommit.get().clear();
                if (!(e instanceof DataAccessException)) {
                    throw e;
                }
                DataAccessException dataAccess = (DataAccessException) e;
                Optional<String> state = retryableState(dataAccess);
                if (state.isEmpty()) {
                    throw dataAccess;
                }
                (state.get().equals(DEADLOCK) ? deadlocks : serializationFailures).increment();
                if (attempt >= attempts) {
                    givenUp.increment();
                    int tried = attempt;
                    LOG.warning(() -> "transaction aborted by PostgreSQL (" + state.get() + ") " + tried + " times; giving up");
                    throw new TransactionConflictException("The database aborted this transaction " + attempt
                            + " times because of concurrent ones (SQLSTATE " + state.get() + "); nothing was changed.", RETRY_AFTER, dataAccess);
                }
                int tried = attempt;
                LOG.info(() -> "transaction aborted by PostgreSQL (" + state.get() + "), attempt " + tried + " of " + attempts
                        + "; running it again: " + serverMessage(dataAccess));
                pause(attempt, dataAccess);
                continue;
            }
            runAfterCommit();
            return result;
        }
    }

    @Override
    public void afterCommit(Runnable action) {
        if (depth.get()[0] == 0) {
            action.run();
        } else {
            afterCommit.get().add(action);
        }
    }

    private void runAfterCommit() {
        List<Runnable> actions = new ArrayList<>(afterCommit.get());
        afterCommit.get().clear();
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.log(java.util.logging.Level.WARNING, "an action after commit failed (the commit stands)", e);
            }
        }
    }

    private <T> T run(Supplier<T> work) {
        int[] d = depth.get();
        d[0]++;
        try {
            return dsl.transactionResult(work::get); // ContextTransactionalCallable: nested calls become savepoints
        } finally {
            d[0]--;
        }
    }

    /** A random pause in [t/2, 3t/2] with t = backoff × 2^(attempt−1): competitors rarely meet again. */
    private void pause(int attempt, DataAccessException cause) {
        long base = backoff.toNanos() << Math.min(attempt - 1, 10);
        long nanos = base / 2 + ThreadLocalRandom.current().nextLong(base + 1);
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }

    /** The SQLSTATE when it says "run the transaction again": deadlock or serialization failure. */
    static Optional<String> retryableState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (DEADLOCK.equals(s.getSQLState()) || SERIALIZATION_FAILURE.equals(s.getSQLState())) {
                        return Optional.of(s.getSQLState());
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** PostgreSQL's own words (with the processes and the statement of a deadlock), without jOOQ's SQL text. */
    private static String serverMessage(DataAccessException e) {
        SQLException sql = e.getCause(SQLException.class);
        return sql == null ? String.valueOf(e.getMessage()) : sql.getMessage();
    }

    /** How many transactions PostgreSQL aborted (and this runner retried or gave up on), since start. */
    Retries retries() {
        return new Retries(deadlocks.sum(), serializationFailures.sum(), givenUp.sum());
    }

    /** Counts of aborted transactions: by cause, and how many were given up after the last attempt. */
    record Retries(long deadlocks, long serializationFailures, long givenUp) {
    }
}

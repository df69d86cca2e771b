package io.invitehub.adapter.out.persistence;

import io.invitehub.application.shared.port.out.TransactionConflictException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The transaction runner's retry (ADR 28) on real PostgreSQL: a transaction aborted with 40001 or
 * 40P01 runs again, whole, and commits once; a real deadlock between two runner transactions ends with
 * both committed; after the last attempt the caller gets {@link TransactionConflictException} and
 * nothing is stored; nested calls never retry on their own; other failures are not retried.
 */
class JooqTransactionRunnerRetryTest {
    private static JooqPersistence db;
    private JooqTransactionRunner runner;

    @BeforeAll
    static void database() {
        db = TestPostgres.freshPersistence();
        db.dsl().execute("create table retry_probe (id int primary key, n int not null)");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void empty() {
        db.dsl().execute("truncate retry_probe");
        runner = new JooqTransactionRunner(db.dsl(), 3, Duration.ofMillis(2));
    }

    @Test
    void aSerializationFailureRunsTheWholeTransactionAgainAndItCommitsOnce() {
        AtomicInteger runs = new AtomicInteger();

        String result = runner.inTransaction(() -> {
            int run = runs.incrementAndGet();
            db.dsl().execute("insert into retry_probe values (1, ?)", run);
            if (run == 1) {
                abort("40001");
            }
            return "committed on run " + run;
        });

        assertThat(result).isEqualTo("committed on run 2");
        assertThat(runs).hasValue(2);
        // the first run's insert was rolled back with it: one row, from the second run
        assertThat(rows()).containsExactly(List.of(1, 2));
        assertThat(runner.retries()).isEqualTo(new JooqTransactionRunner.Retries(0, 1, 0));
    }

    @Test
    void afterCommitRunsOnceTheOutermostTransactionCommittedAndNeverForARolledBackOne() {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        runner.inTransaction(() -> {
            runner.inTransaction(() -> {
                db.dsl().execute("insert into retry_probe values (1, 1)");
                runner.afterCommit(() -> seen.add("nested: row visible=" + (db.dsl().fetchCount(db.dsl().selectFrom("retry_probe")) == 1)));
            });
            assertThat(seen).as("nothing runs before the outermost commit").isEmpty();
            return null;
        });
        assertThat(seen).containsExactly("nested: row visible=true");

        seen.clear();
        assertThatThrownBy(() -> runner.inTransaction(() -> {
            runner.afterCommit(() -> seen.add("rolled back"));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(seen).isEmpty();

        // an attempt aborted by PostgreSQL and run again defers once, for the attempt that committed
        AtomicInteger runs = new AtomicInteger();
        runner.inTransaction(() -> {
            int run = runs.incrementAndGet();
            runner.afterCommit(() -> seen.add("run " + run));
            if (run == 1) {
                abort("40001");
            }
            return null;
        });
        assertThat(seen).containsExactly("run 2");

        runner.afterCommit(() -> seen.add("no transaction: at once"));
        assertThat(seen).containsExactly("run 2", "no transaction: at once");
    }

    @Test
    void aRealDeadlockBetweenTwoTransactionsEndsWithBothCommitted() throws Exception {
        db.dsl().execute("insert into retry_probe values (1, 0), (2, 0)");
        CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);
        AtomicInteger runs = new AtomicInteger();

        JooqTransactionRunner runner = new JooqTransactionRunner(db.dsl()); // the service's attempts and pauses
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Void> forward = two.submit(() -> runner.inTransaction(() -> lockInOrder(1, 2, bothHoldTheirFirstRow, runs)));
            Future<Void> backward = two.submit(() -> runner.inTransaction(() -> lockInOrder(2, 1, bothHoldTheirFirstRow, runs)));
            forward.get(60, TimeUnit.SECONDS);
            backward.get(60, TimeUnit.SECONDS);
        } finally {
            two.shutdownNow();
        }

        // PostgreSQL aborted one of them (40P01) and the runner ran it again (its new run may meet the other
        // transaction again before that one has its second row: then once more); both committed once
        JooqTransactionRunner.Retries retries = runner.retries();
        assertThat(retries.deadlocks()).isPositive();
        assertThat(retries.givenUp()).isZero();
        assertThat(runs).hasValue(2 + (int) retries.deadlocks());
        assertThat(rows()).containsExactly(List.of(1, 2), List.of(2, 2));
    }

    @Test
    void afterTheLastAttemptTheCallerGetsATransactionConflictAndNothingIsStored() {
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> runner.inTransaction(() -> {
            db.dsl().execute("insert into retry_probe values (?, 0)", runs.incrementAndGet());
            abort("40P01");
            return null;
        })).isInstanceOfSatisfying(TransactionConflictException.class, e -> {
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            assertThat(e).hasMessageContaining("3 times").hasMessageContaining("40P01");
            assertThat(JooqTransactionRunner.retryableState(e.getCause())).contains("40P01");
        });

        assertThat(runs).hasValue(3);
        assertThat(rows()).isEmpty();
        assertThat(runner.retries()).isEqualTo(new JooqTransactionRunner.Retries(3, 0, 1));
    }

    @Test
    void aNestedCallNeverRetriesOnItsOwnTheOutermostRunsEverythingAgain() {
        AtomicInteger outerRuns = new AtomicInteger();
        AtomicInteger innerRuns = new AtomicInteger();

        runner.inTransaction(() -> {
            int outer = outerRuns.incrementAndGet();
            db.dsl().execute("insert into retry_probe values (1, ?)", outer);
            runner.inTransaction(() -> {
                innerRuns.incrementAndGet();
                db.dsl().execute("insert into retry_probe values (2, ?)", outer);
                if (outer == 1) {
                    abort("40001"); // aborts the whole transaction, not only the savepoint
                }
            });
            return null;
        });

        assertThat(outerRuns).hasValue(2);
        assertThat(innerRuns).hasValue(2);
        assertThat(rows()).containsExactly(List.of(1, 2), List.of(2, 2));
    }

    @Test
    void otherFailuresAreRethrownUnchangedWithoutRunningAgain() {
        db.dsl().execute("insert into retry_probe values (1, 0)");
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> runner.inTransaction(() -> {
            runs.incrementAndGet();
            db.dsl().execute("insert into retry_probe values (1, 1)");
        })).isInstanceOf(DataAccessException.class).hasMessageContaining("retry_probe_pkey");

        assertThat(runs).hasValue(1);
        assertThat(runner.retries()).isEqualTo(new JooqTransactionRunner.Retries(0, 0, 0));
    }

    /** Makes PostgreSQL abort the transaction with {@code sqlState}, as a deadlock or serialization failure would. */
    private static void abort(String sqlState) {
        db.dsl().execute("do $$ begin raise exception 'forced by the test' using errcode = '" + sqlState + "'; end $$");
    }

    private static Void lockInOrder(int first, int second, CyclicBarrier barrier, AtomicInteger runs) {
        boolean firstRun = runs.incrementAndGet() <= 2;
        db.dsl().execute("update retry_probe set n = n + 1 where id = ?", first);
        if (firstRun) {
            try {
                barrier.await(30, TimeUnit.SECONDS); // both hold their first row: the second updates cross
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        db.dsl().execute("update retry_probe set n = n + 1 where id = ?", second);
        return null;
    }

    private static List<List<Integer>> rows() {
        return db.dsl().fetch("select id, n from retry_probe order by id")
                .map(r -> List.of(r.get(0, Integer.class), r.get(1, Integer.class)));
    }
}

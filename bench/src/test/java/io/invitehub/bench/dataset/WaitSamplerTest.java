package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.TestPostgres;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code bench --statements} samples what the backends wait on during a measured redemption stage (issue 17, phase 7):
 * the shares per wait event and the lock waits by statement and table, counted from polls; and, on a real PostgreSQL,
 * a backend blocked on another transaction's row lock is seen as {@code Lock:transactionid} on that row's table.
 */
class WaitSamplerTest {

    private static WaitSampler.Sample active(String type, String event) {
        return new WaitSampler.Sample("active", type, event, null, null);
    }

    @Test
    void sharesAreOfAllBackendSamplesWithCpuForNoWaitEventAndLockWaitsByStatementAndTable() {
        WaitSampler.Tally tally = new WaitSampler.Tally();
        WaitSampler.Sample blocked = new WaitSampler.Sample("active", "Lock", "transactionid",
                "select * from redeem_new($1, $2)", "distributor_stats");
        tally.add(List.of(active(null, null), blocked, active("IO", "WALSync")));
        tally.add(List.of(active(null, null), blocked, new WaitSampler.Sample("idle in transaction", "Client", "ClientRead", null, null)));
        tally.add(List.of());
        tally.add(List.of(new WaitSampler.Sample("active", "Lock", "tuple", "update teams set x", null)));

        assertThat(tally.polls()).isEqualTo(4);
        assertThat(tally.samples()).isEqualTo(7);
        List<Map.Entry<String, Double>> shares = tally.shares();
        assertThat(shares).extracting(Map.Entry::getKey).containsExactly("CPU", "Lock:transactionid", "IO:WALSync", "Lock:tuple",
                "idle in transaction (Client:ClientRead)");
        assertThat(shares.get(0).getValue()).isCloseTo(2 / 7.0, within(1e-9));
        assertThat(shares.get(1).getValue()).isCloseTo(2 / 7.0, within(1e-9));
        assertThat(shares.stream().mapToDouble(Map.Entry::getValue).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(tally.lockShare()).isCloseTo(3 / 7.0, within(1e-9));
        assertThat(tally.lockShares()).extracting(Map.Entry::getKey).containsExactly(
                "Lock:transactionid  holding a tuple lock on distributor_stats  select * from redeem_new($1, $2)",
                "Lock:tuple  (no tuple lock: a unique-index or ON CONFLICT wait)  update teams set x");
        assertThat(tally.lines("distributor redemption", Duration.ofMillis(10)))
                .first().asString().contains("4 polls", "every 10 ms", "7 client-backend samples", "1.75 busy per poll");
        assertThat(tally.lines("distributor redemption", Duration.ofMillis(10))).contains("      28.6 %  Lock:transactionid");
    }

    @Test
    void noSampleGivesNoShareAndNoDivisionByZero() {
        WaitSampler.Tally tally = new WaitSampler.Tally();
        tally.add(List.of());
        assertThat(tally.shares()).isEmpty();
        assertThat(tally.lockShare()).isZero();
        assertThat(tally.lines("platform", Duration.ofMillis(10))).hasSize(1);
    }

    @Test
    void aBackendWaitingForAnotherTransactionsRowLockIsSeenAsALockWaitOnThatTable() throws Exception {
        PersistenceSettings database = TestPostgres.freshDatabase();
        try (CloseableDSLContext setup = DSL.using(database.jdbcUrl(), database.user(), database.password())) {
            setup.execute("create table bench_rollup (id int primary key, n int not null)");
            setup.execute("insert into bench_rollup values (1, 0)");
        }
        try (CloseableDSLContext holder = DSL.using(database.jdbcUrl(), database.user(), database.password());
             CloseableDSLContext updater = DSL.using(database.jdbcUrl(), database.user(), database.password());
             CloseableDSLContext upserter = DSL.using(database.jdbcUrl(), database.user(), database.password())) {
            holder.execute("begin");
            holder.execute("update bench_rollup set n = n + 1 where id = 1");
            CompletableFuture<Integer> updating = CompletableFuture.supplyAsync(() -> updater.execute(
                    "update bench_rollup set n = n + 1 where id = 1"));
            Thread.sleep(200);
            WaitSampler sampler = WaitSampler.start(database, Duration.ofMillis(10));
            Thread.sleep(300);
            WaitSampler.Tally firstWaiter = sampler.stop();
            CompletableFuture<Integer> upserting = CompletableFuture.supplyAsync(() -> upserter.execute(
                    "insert into bench_rollup values (1, 1) on conflict (id) do update set n = bench_rollup.n + 1"));
            Thread.sleep(200);
            sampler = WaitSampler.start(database, Duration.ofMillis(10));
            Thread.sleep(300);
            WaitSampler.Tally both = sampler.stop();
            holder.execute("commit");
            assertThat(updating.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(upserting.get(10, TimeUnit.SECONDS)).isEqualTo(1);

            assertThat(firstWaiter.polls()).isGreaterThan(5);
            assertThat(firstWaiter.shares()).extracting(Map.Entry::getKey)
                    .containsExactlyInAnyOrder("Lock:transactionid", "idle in transaction (Client:ClientRead)");
            assertThat(firstWaiter.lockShares()).extracting(Map.Entry::getKey).containsExactly(
                    "Lock:transactionid  holding a tuple lock on bench_rollup  update bench_rollup set n = n + 1 where id = 1");
            // the upsert waits for the holder in the unique index, before any tuple lock
            assertThat(both.lockShares()).extracting(Map.Entry::getKey).contains(
                    "Lock:transactionid  holding a tuple lock on bench_rollup  update bench_rollup set n = n + 1 where id = 1");
            assertThat(both.lockShares()).extracting(Map.Entry::getKey).anySatisfy(k -> assertThat(k)
                    .contains("insert into bench_rollup values (1, 1) on conflict"));
        }
    }
}

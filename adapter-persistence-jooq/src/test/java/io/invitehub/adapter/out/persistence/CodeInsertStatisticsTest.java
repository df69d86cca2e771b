package io.invitehub.adapter.out.persistence;

import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.order.OrderId;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code inserts are counted by one statement-level trigger (V10, ADR 22) and updates and deletes by
 * V3's row trigger: after large mixed batches inserted in one statement, and after updates and
 * deletes of those codes, every rollup row (summed over stripes) equals a recount from
 * {@code redeem_codes}, exactly; concurrent multi-distributor inserts neither deadlock nor lose counts.
 */
class CodeInsertStatisticsTest {
    private static JooqPersistence db;

    @BeforeAll
    static void database() {
        db = TestPostgres.freshPersistence();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** The rollups as stored, summed over stripes; groups whose every number is 0 left out. */
    private static final String STORED = String.join(" union all ",
            "select 'stats' kind, distributor_id d, null::varchar k, sum(codes) a, sum(enabled_codes) b, sum(enabled_depleted) c,"
                    + " sum(uses_taken) e from distributor_stats group by distributor_id"
                    + " having sum(codes) <> 0 or sum(enabled_codes) <> 0 or sum(enabled_depleted) <> 0 or sum(uses_taken) <> 0",
            "select 'expiry', distributor_id, expires_at::varchar, sum(enabled_codes), sum(enabled_depleted), 0, 0"
                    + " from distributor_code_expiry group by distributor_id, expires_at"
                    + " having sum(enabled_codes) <> 0 or sum(enabled_depleted) <> 0",
            "select 'plan', distributor_id, plan_id::varchar, sum(codes), sum(redeemed_codes), 0, 0"
                    + " from distributor_plan_stats group by distributor_id, plan_id"
                    + " having sum(codes) <> 0 or sum(redeemed_codes) <> 0");

    /** The same numbers counted from the codes (docs/statistics.md); no invitations exist here, so accepted is 0. */
    private static final String RECOUNT = String.join(" union all ",
            "select 'stats' kind, owner_id d, null::varchar k, count(*) a, count(*) filter (where active) b,"
                    + " count(*) filter (where active and max_uses > 0 and used_count >= max_uses) c, sum(used_count) e"
                    + " from redeem_codes where owner_id is not null group by owner_id",
            "select 'expiry', owner_id, expires_at::varchar, count(*),"
                    + " count(*) filter (where max_uses > 0 and used_count >= max_uses), 0, 0"
                    + " from redeem_codes where owner_id is not null and expires_at is not null and active group by owner_id, expires_at",
            "select 'plan', c.owner_id, o.plan_id::varchar, count(*), count(c.bound_email), 0, 0"
                    + " from redeem_codes c join orders o on o.id = c.order_id where c.owner_id is not null group by c.owner_id, o.plan_id");

    private static List<String> rows(String sql) {
        List<String> rows = new ArrayList<>();
        db.dsl().fetch("select * from (" + sql + ") x order by 1, 2, 3").forEach(r -> rows.add(r.intoList().toString()));
        return rows;
    }

    private static long count(String sql, Object... binds) {
        return db.dsl().fetchSingle(sql, binds).get(0, Long.class);
    }

    @Test
    void mixedBatchesInsertedInOneStatementAreCountedExactlyAndUpdatesStillCountPerRow() {
        List<Long> owners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            owners.add(db.users().create("mix" + i, "mix" + i + "@dist.com", "x", Role.DISTRIBUTOR, Approval.APPROVED).id().value());
        }
        long planA = db.dsl().fetchSingle("insert into plans (name, plan_type, price_minor, code_count, code_max_uses, validity_days)"
                + " values ('A', 'DISTRIBUTOR_CODES', 1000, 5, 1, 30) returning id").get(0, Long.class);
        long planB = db.dsl().fetchSingle("insert into plans (name, plan_type, price_minor, code_count, code_max_uses, validity_days)"
                + " values ('B', 'DISTRIBUTOR_CODES', 1000, 5, 1, 30) returning id").get(0, Long.class);
        List<Long> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orders.add(db.dsl().fetchSingle("insert into orders (order_no, order_type, plan_id, buyer_id, quantity, amount_minor,"
                    + " final_amount_minor, status, expire_at, paid_at, trade_no) values (?, 'DISTRIBUTOR_CODES', ?, ?, 1, 1000, 1000,"
                    + " 'PAID', now(), now(), ?) returning id", "mix-o" + i, i == 2 ? planB : planA, owners.get(i), "mix-t" + i)
                    .get(0, Long.class));
        }
        // 20 000 codes in ONE statement: 5 owners (one of them "none": platform codes), orders of two plans
        // and none, five expiries (past, future, none) per owner, every 7th disabled, max_uses 0..3 with
        // used_count from 0 to max_uses (depleted ones among them), every 5th and 5 % of the rest bound to an e-mail
        String batch = "insert into redeem_codes (code, owner_id, order_id, max_uses, used_count, expires_at, validity_days, active, bound_email)"
                + " select ? || g,"
                + "   (array[?, ?, ?, ?, null]::bigint[])[1 + g % 5],"
                + "   case when g % 5 < 3 and g % 2 = 0 then (array[?, ?, ?]::bigint[])[1 + g % 3] end,"
                + "   g % 4, case when g % 4 = 0 then g % 3 else (g / 4) % (g % 4 + 1) end,"
                + "   (array['2024-01-01T00:00:00Z', '2030-06-01T00:00:00Z', '2030-06-02T12:00:00Z', '2031-01-01T00:00:00Z', null]::timestamptz[])[1 + (g / 5) % 5],"
                + "   30, g % 7 <> 0, case when g % 5 = 4 or g % 10 in (1, 2) then 'b' || g || '@example.com' end"
                + " from generate_series(1, ?) g";
        Object[] binds = {"MIX-", owners.get(0), owners.get(1), owners.get(2), owners.get(3), orders.get(0), orders.get(1), orders.get(2), 20_000};
        assertThat(db.transactions().inTransaction(() -> db.dsl().execute(batch, binds))).isEqualTo(20_000);
        List<String> recount = rows(RECOUNT);
        assertThat(rows(STORED)).isEqualTo(recount);
        // the batch covered every kind of contribution
        List<String> mine = recount.stream().filter(r -> owners.contains(Long.parseLong(r.split(", ")[1]))).toList();
        assertThat(mine.stream().filter(r -> r.startsWith("[stats"))).hasSize(4);
        assertThat(mine.stream().filter(r -> r.startsWith("[expiry"))).hasSize(16);
        assertThat(mine.stream().filter(r -> r.startsWith("[plan"))).hasSize(6);
        assertThat(mine.stream().filter(r -> r.startsWith("[plan") && !r.contains(", 0, 0, 0]"))).hasSize(2);
        assertThat(count("select count(*) from redeem_codes where max_uses > 0 and used_count >= max_uses and active and owner_id is not null")).isPositive();

        // a second batch in one transaction with two statements (the upsert adds to the rows the first created),
        // and a real insert through the adapter linked to an order
        db.transactions().inTransaction(() -> {
            db.dsl().execute(batch, "MIY-", owners.get(3), owners.get(2), owners.get(1), owners.get(0), orders.get(2), orders.get(1), orders.get(0), 3_000);
            db.dsl().execute(batch, "MIZ-", owners.get(0), owners.get(0), owners.get(0), owners.get(1), orders.get(0), orders.get(0), orders.get(0), 3_000);
            var generator = StatisticsRecount.counting("HB");
            List<Code> codes = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) {
                codes.add(generator.next());
            }
            assertThat(db.codes().insertNew(codes, new CodeTerms(Optional.of(new io.invitehub.domain.user.UserId(owners.get(1))), 2, 30,
                    Optional.of(Instant.parse("2030-06-01T00:00:00Z")), Optional.empty(), 1, Optional.empty()),
                    Optional.of(new OrderId(orders.get(1))), Instant.now())).hasSize(2_500);
        });
        assertThat(rows(STORED)).isEqualTo(rows(RECOUNT));

        // row by row from here: a disabled code enabled again, uses taken until depleted, e-mails bound, owners moved,
        // expiries moved, codes deleted — each statement touches many rows, each row counted by V3's row trigger
        db.transactions().inTransaction(() -> {
            db.dsl().execute("update redeem_codes set active = not active where id % 11 = 0");
            db.dsl().execute("update redeem_codes set used_count = max_uses where max_uses > 0 and id % 13 = 0");
            db.dsl().execute("update redeem_codes set bound_email = 'late' || id || '@example.com' where bound_email is null and id % 17 = 0");
            db.dsl().execute("update redeem_codes set owner_id = ? where id % 19 = 0", owners.get(3));
            db.dsl().execute("update redeem_codes set expires_at = '2032-01-01T00:00:00Z' where id % 23 = 0");
            db.dsl().execute("delete from redeem_codes where id % 29 = 0");
        });
        assertThat(rows(STORED)).isEqualTo(rows(RECOUNT));

        // and a rebuild from scratch agrees as well
        db.dsl().execute("select statistics_rebuild()");
        assertThat(rows(STORED)).isEqualTo(rows(RECOUNT));
        assertThat(count("select count(*) from pg_trigger where tgrelid = 'redeem_codes'::regclass and tgname like 'redeem_codes_statistics%'"))
                .as("insert (per statement), update and delete (per row, ADR 63)").isEqualTo(3);
    }

    @Test
    void aBatchOfCodesIsOneStatementWithOneTriggerCallAndNoRowTriggerCalls() {
        long owner = db.users().create("calls", "calls@dist.com", "x", Role.DISTRIBUTOR, Approval.APPROVED).id().value();
        long plan = db.dsl().fetchSingle("insert into plans (name, plan_type, price_minor, code_count, code_max_uses, validity_days)"
                + " values ('C', 'DISTRIBUTOR_CODES', 1000, 5, 1, 30) returning id").get(0, Long.class);
        long order = db.dsl().fetchSingle("insert into orders (order_no, order_type, plan_id, buyer_id, quantity, amount_minor,"
                + " final_amount_minor, status, expire_at, paid_at, trade_no) values ('calls-o', 'DISTRIBUTOR_CODES', ?, ?, 1, 1000,"
                + " 1000, 'PAID', now(), now(), 'calls-t') returning id", plan, owner).get(0, Long.class);
        var generator = StatisticsRecount.counting("CA");
        List<Code> codes = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            codes.add(generator.next());
        }
        List<String> calls = db.transactions().inTransaction(() -> {
            // PL/pgSQL calls of this transaction (superuser setting: the test databases are superuser-owned)
            db.dsl().execute("set local track_functions = 'pl'");
            db.codes().insertNew(codes, new CodeTerms(Optional.of(new io.invitehub.domain.user.UserId(owner)), 1, 30,
                    Optional.of(Instant.parse("2030-01-01T00:00:00Z")), Optional.empty(), 1, Optional.empty()),
                    Optional.of(new OrderId(order)), Instant.now());
            List<String> seen = new ArrayList<>();
            db.dsl().fetch("select funcname, calls from pg_stat_xact_user_functions order by funcname")
                    .forEach(r -> seen.add(r.get(0) + "=" + r.get(1)));
            return seen;
        });
        assertThat(calls).as("one trigger call for the batch (V3's row trigger made 5 000, and 15 000 statistics_add* calls)").containsExactly("redeem_codes_statistics_insert=1");
        assertThat(count("select sum(codes) from distributor_plan_stats where distributor_id = ?", owner)).isEqualTo(5_000);
    }

    @Test
    void concurrentInsertsForTheSameDistributorsSpreadOverStripesWithoutDeadlocksOrLostCounts() throws Exception {
        List<Long> owners = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            owners.add(db.users().create("con" + i, "con" + i + "@dist.com", "x", Role.DISTRIBUTOR, Approval.APPROVED).id().value());
        }
        int threads = 8;
        int transactions = 6;
        int perStatement = 300;
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int x = 0; x < transactions; x++) {
                        int n = x;
                        // owners in a different order per thread: the trigger writes its keys in key order regardless
                        db.transactions().inTransaction(() -> db.dsl().execute(
                                "insert into redeem_codes (code, owner_id, max_uses, expires_at, validity_days)"
                                        + " select ? || g, (array[?, ?, ?]::bigint[])[1 + g % 3], 1,"
                                        + " case when g % 2 = 0 then '2030-01-01T00:00:00Z'::timestamptz end, 30"
                                        + " from generate_series(1, ?) g",
                                "CON-" + thread + "-" + n + "-", owners.get(thread % 3), owners.get((thread + 1) % 3),
                                owners.get((thread + 2) % 3), perStatement));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(worker.isAlive()).isFalse();
        }
        assertThat(failures).isEmpty();
        long total = (long) threads * transactions * perStatement;
        String ids = owners.get(0) + ", " + owners.get(1) + ", " + owners.get(2);
        assertThat(count("select sum(codes) from distributor_stats where distributor_id in (" + ids + ")")).isEqualTo(total);
        assertThat(count("select sum(enabled_codes) from distributor_code_expiry where distributor_id in (" + ids + ")")).isEqualTo(total / 2);
        assertThat(rows(STORED)).isEqualTo(rows(RECOUNT));
        // one stripe per transaction: 48 transactions wrote to more than one stripe of the same distributor
        assertThat(count("select count(distinct stripe) from distributor_stats where distributor_id = ?", owners.get(0))).isGreaterThan(1);
    }
}

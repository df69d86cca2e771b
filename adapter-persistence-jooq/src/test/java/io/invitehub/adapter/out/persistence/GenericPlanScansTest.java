package io.invitehub.adapter.out.persistence;

import io.invitehub.application.distributors.view.SalesFilter;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeAlphabet;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.order.OrderStatus;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.UserId;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLWarning;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.invitehub.adapter.out.persistence.generated.Tables.INVITATIONS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every background claim and selection query keeps to its partial index under a <em>generic</em> plan
 * (ADR 23): after five executions the JDBC driver prepares a statement on the server and PostgreSQL may
 * plan it without the bound values, and a bound {@code state = $1} cannot prove a partial index's
 * {@code WHERE state = 'REMOVING'}. Here every plan is generic from the first execution
 * ({@code plan_cache_mode = force_generic_plan} on the only connection), the tables hold far more rows
 * outside the partial indexes than inside, and each query runs through its adapter method, six times
 * (past the driver's prepare threshold). Three checks per query: its executed plans (auto_explain,
 * sent back as notices) compare no state, status, role or flag column with a parameter; no sequential
 * scan of a big table ({@code pg_stat_user_tables}); and no more than {@value #ROW_BUDGET} rows or index
 * entries read from any of them. The first is the rule itself and does not depend on the planner's
 * cost choices: a bound state may still avoid a sequential scan by reading all of
 * {@code invitations_team_idx (team_id, state)} for its second column, which the counters cannot see.
 */
class GenericPlanScansTest {
    private static final List<String> TABLES = List.of("invitations", "redeem_codes", "orders", "teams", "users");
    private static final int ROW_BUDGET = 1_000;
    /** A predicate column of a partial index compared with a bound parameter, as EXPLAIN prints it. */
    private static final Pattern BOUND_ENUM = Pattern.compile(
            "\\((?:\\w+\\.)?(?:state|status|fulfillment_status|role)\\)::text = (?:ANY \\(\\(?ARRAY\\[)?\\(?\\$\\d"
                    + "|(?:is_rebind|removal_failed|active) = \\$\\d");
    private static final List<String> plans = Collections.synchronizedList(new ArrayList<>());
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static JooqPersistence db;
    private static long group;
    private static long waiting;

    @BeforeAll
    static void seed() {
        db = TestPostgres.connect(TestPostgres.freshDatabase().withMaxPoolSize(1));
        // LOAD needs a superuser: the embedded and Testcontainers servers are; an external test database
        // (INVITEHUB_TEST_DB_URL) may not be, and then this test cannot read plans and is skipped there
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.TRUE.equals(
                db.dsl().fetchValue("select rolsuper from pg_roles where rolname = current_user", Boolean.class)),
                "auto_explain needs a superuser connection");
        // every executed plan comes back to this connection as a notice (jOOQ hands them over as warnings)
        db.dsl().execute("load 'auto_explain'");
        db.dsl().execute("set auto_explain.log_min_duration = 0");
        db.dsl().execute("set auto_explain.log_level = notice");
        db.dsl().execute("set client_min_messages = notice");
        db.dsl().configuration().set(new DefaultExecuteListenerProvider(new ExecuteListener() {
            @Override
            public void warning(ExecuteContext ctx) {
                for (SQLWarning w = ctx.sqlWarning(); w != null; w = w.getNextWarning()) {
                    plans.add(w.getMessage());
                }
            }
        }));
        // 6 000 users: half distributors, 1 in 100 of them PENDING approval
        db.dsl().execute("insert into users (username, password_hash, role, approval) select 'd' || g, 'x', 'DISTRIBUTOR', "
                + "case when g % 100 = 0 then 'PENDING' else 'APPROVED' end from generate_series(1, 3000) g");
        db.dsl().execute("insert into users (username, password_hash, role) select 'o' || g, 'x', 'OPERATOR' from generate_series(1, 3000) g");
        group = db.dsl().fetchSingle("insert into team_groups (name) values ('g') returning id").get(0, Long.class);
        // 2 000 teams, 1 in 100 ACTIVE and 1 in 100 PAUSED, the rest BANNED (out of every partial index)
        db.dsl().execute("insert into teams (name, provider_account_id, max_seats, status, next_sync_at) "
                + "select 'team ' || g, 'acct-' || g, 1000, case g % 100 when 0 then 'ACTIVE' when 1 then 'PAUSED' else 'BANNED' end, "
                + "now() - interval '1 minute' from generate_series(1, 2000) g");
        db.dsl().execute("insert into plans (name, plan_type, price_minor, code_count, code_max_uses, validity_days) "
                + "values ('pack', 'DISTRIBUTOR_CODES', 100, 1, 1, 30)");
        // 20 000 orders, 1 in 1 000 PENDING and past its expiry, 1 in 1 000 paid with its fulfilment due, the rest delivered
        db.dsl().execute("insert into orders (order_no, order_type, plan_id, buyer_id, quantity, amount_minor, final_amount_minor, "
                + "status, trade_no, expire_at, paid_at, fulfillment_status, fulfillment_next_at) "
                + "select '20260101000000' || lpad(to_hex(g), 8, '0'), 'DISTRIBUTOR_CODES', 1, 1 + g % 3000, 1, 100, 100, "
                + "case when g % 1000 = 0 then 'PENDING' else 'PAID' end, case when g % 1000 <> 0 then 'T' || g end, "
                + "now() - interval '1 hour', case when g % 1000 <> 0 then now() - interval '2 hours' end, "
                + "case when g % 1000 = 1 then 'PENDING' else 'COMPLETED' end, case when g % 1000 = 1 then now() - interval '1 minute' end "
                + "from generate_series(1, 20000) g");
        // 50 000 codes, activated, their memberships over; one invitation each, 1 in 1 000 in each live
        // state (due for its job), 1 in 1 000 a member whose removal kept failing, the rest EXPIRED
        db.dsl().execute("insert into redeem_codes (code, owner_id, max_uses, used_count, validity_days, bound_email, activated_at, member_expires_at) "
                + "select 'HUB' || lpad(g::text, 12, '0'), 1 + g % 3000, 1, 1, 30, 'c' || g || '@example.com', "
                + "now() - interval '40 days', now() - interval '10 days' from generate_series(1, 50000) g");
        db.dsl().execute("insert into invitations (code_id, distributor_id, team_id, email, state, queue_seq, queue_group_id, "
                + "next_attempt_at, created_at, invited_at, ended_at, removal_kind, removal_from, removal_started_at, removal_due_at, removal_failed) "
                + "select g, 1 + g % 3000, case when g % 1000 <> 1 then 1 + g % 2000 end, 'c' || g || '@example.com', "
                + "case g % 1000 when 0 then 'RESERVED' when 1 then 'WAITING' when 2 then 'INVITED' when 3 then 'JOINED' "
                + "  when 4 then 'REMOVING' when 5 then 'JOINED' else 'EXPIRED' end, "
                + "case when g % 1000 = 1 then nextval('invitation_queue_seq') end, case when g % 2000 = 1 then " + group + " end, "
                + "case when g % 1000 = 0 then now() - interval '1 minute' end, now() - interval '30 days', now() - interval '9 days', "
                + "case when g % 1000 > 5 then now() - interval '1 day' end, "
                + "case when g % 1000 = 4 then 'REMOVE' end, case when g % 1000 = 4 then 'JOINED' end, "
                + "case when g % 1000 = 4 then now() - interval '1 hour' end, case when g % 1000 = 4 then now() - interval '1 minute' end, "
                + "g % 1000 = 5 from generate_series(1, 50000) g");
        // the codes a distributor's lists read back must be valid codes (the rest only need to be distinct)
        for (Long id : db.dsl().fetch("select code_id from invitations where distributor_id = 7").getValues(0, Long.class)) {
            db.dsl().execute("update redeem_codes set code = ? where id = ?", validCode(id).value(), id);
        }
        waiting = db.dsl().fetchSingle("select min(id) from invitations where state = 'WAITING' and queue_group_id is null").get(0, Long.class);
        db.dsl().execute("analyze");
    }

    private static Code validCode(long id) {
        StringBuilder body = new StringBuilder();
        for (long n = id; body.length() < 8; n /= CodeAlphabet.SIZE) {
            body.append(CodeAlphabet.at((int) (n % CodeAlphabet.SIZE)));
        }
        return Code.compose("HUB", body.toString());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void backgroundClaimsAndSelectionsReadOnlyTheirIndexesUnderGenericPlans() {
        Instant now = Instant.now();
        Map<String, Runnable> queries = new LinkedHashMap<>();
        // member lifecycle (ADR 11, 12)
        queries.put("claimUnaccepted", () -> db.removalClaims().claimUnaccepted(now.minus(Duration.ofDays(7)), 5, now, LEASE));
        queries.put("claimExpired", () -> db.removalClaims().claimExpired(5, now, LEASE));
        queries.put("claimDueRemovals", () -> db.removalClaims().claimDueRemovals(5, now, LEASE));
        queries.put("claimRebound", () -> db.removalClaims().claimRebound(5, now, LEASE));
        queries.put("releaseFailedRebinds", () -> db.rebinds().releaseFailedRebinds(5));
        queries.put("removalFailures", () -> db.removalClaims().removalFailures(Optional.empty(), 20));
        // dispatcher and queue promotion (ADR 5, 14)
        queries.put("claimForDispatch", () -> db.transactions().inTransaction(() -> db.dispatchOutbox().claimForDispatch(5, now, LEASE)));
        queries.put("waitingQueues", () -> db.waitingQueue().waitingQueues()); // with its probe of the ungrouped queue
        queries.put("claimWaiting", () -> db.transactions().inTransaction(() -> db.waitingQueue().claimWaiting(Optional.empty(), 5)));
        queries.put("queuePosition", () -> db.invitations().queuePosition(new InvitationId(waiting)));
        // acceptance sync and seats (ADR 13)
        queries.put("dueForSync", () -> db.syncSchedule().dueForSync(now, 10));
        queries.put("seatSummary", () -> db.seats().seatSummary());
        queries.put("findSeatHolder", () -> db.invitations().findSeatHolder(new TeamId(3), Email.of("c2002@example.com")));
        // shop (ADR 17)
        queries.put("expireDue", () -> db.orders().expireDue(now, 5));
        queries.put("claimForFulfilment", () -> db.orders().claimForFulfilment(now, LEASE));
        // the notify's lock with the trade's other order (ADR 73): order 4096, the trade of order 4097
        queries.put("lockForPayment", () -> db.transactions().inTransaction(() ->
                db.orders().lockForPayment(new io.invitehub.domain.order.OrderNo("2026010100000000001000"), "T4097").orElseThrow()));
        queries.put("orders by status", () -> db.orders().list(Optional.empty(), Optional.of(OrderStatus.PENDING), Optional.empty(), 20));
        // accounts, recipients, a distributor's lists
        queries.put("pending distributors", () -> db.users().distributors(Approval.PENDING, Optional.empty(), 20));
        queries.put("lastRemoval", () -> db.recipients().lastRemoval(new UserId(7), Email.of("c7@example.com")));
        queries.put("sales", () -> db.records().sales(new UserId(7), SalesFilter.NONE, Optional.empty(), 20));
        queries.put("members", () -> db.records().members(new UserId(7), Optional.empty(), List.of(), now.minus(Duration.ofDays(30)), Optional.empty(), 20));

        Map<String, String> wholeTableReads = new TreeMap<>();
        forcingGenericPlans(() -> queries.forEach((name, query) -> {
            Map<String, Reads> before = reads();
            plans.clear();
            for (int i = 0; i < 6; i++) {
                query.run();
            }
            String offence = boundEnums() + offence(before, reads());
            if (!offence.isEmpty()) {
                wholeTableReads.put(name, offence);
            }
        }));

        assertThat(wholeTableReads).isEmpty();
    }

    /** The instrument can fail: a bound state under a generic plan scans the whole table. */
    @Test
    void aBoundStateUnderAGenericPlanIsCaught() {
        Map<String, Reads> before = reads();
        plans.clear();
        forcingGenericPlans(() -> {
            for (int i = 0; i < 6; i++) {
                db.dsl().fetchCount(INVITATIONS, INVITATIONS.STATE.eq(InvitationState.REMOVING.name()));
            }
        });
        assertThat(boundEnums()).startsWith("plan compares (state)::text = ($1");
        assertThat(offence(before, reads())).startsWith("invitations: 6 sequential scans");
    }

    private static void forcingGenericPlans(Runnable work) {
        db.dsl().execute("set plan_cache_mode = force_generic_plan");
        try {
            work.run();
        } finally {
            db.dsl().execute("reset plan_cache_mode");
        }
    }

    /** The first bound enum comparison in the plans captured since {@code plans.clear()}, empty when none. */
    private static String boundEnums() {
        synchronized (plans) {
            for (String plan : plans) {
                Matcher m = BOUND_ENUM.matcher(plan);
                if (m.find()) {
                    int end = plan.indexOf(')', m.end());
                    return "plan compares " + plan.substring(m.start(), end < 0 ? m.end() : end + 1) + "; ";
                }
            }
        }
        return "";
    }

    /** Sequential scans and rows (heap rows of sequential scans plus index entries of index scans) per table. */
    private record Reads(long seqScans, long rows) {
    }

    /** What the work between {@code before} and {@code after} read too much of, empty when nothing. */
    private static String offence(Map<String, Reads> before, Map<String, Reads> after) {
        StringBuilder offence = new StringBuilder();
        for (String table : TABLES) {
            long scans = after.get(table).seqScans() - before.get(table).seqScans();
            long rows = after.get(table).rows() - before.get(table).rows();
            if (scans > 0 || rows > ROW_BUDGET) {
                offence.append(offence.length() == 0 ? "" : "; ")
                        .append(table).append(": ").append(scans).append(" sequential scans, ").append(rows).append(" rows read");
            }
        }
        return offence.toString();
    }

    /** This (the only) connection's counters, flushed first so they are current. */
    private static Map<String, Reads> reads() {
        db.dsl().execute("select pg_stat_force_next_flush()");
        db.dsl().execute("select pg_stat_clear_snapshot()");
        Map<String, Reads> reads = new TreeMap<>();
        db.dsl().fetch("select t.relname, t.seq_scan, t.seq_tup_read + coalesce((select sum(i.idx_tup_read) "
                        + "from pg_stat_user_indexes i where i.relid = t.relid), 0) from pg_stat_user_tables t where t.relname in ("
                        + String.join(", ", TABLES.stream().map(t -> "'" + t + "'").toList()) + ")")
                .forEach(r -> reads.put(r.get(0, String.class), new Reads(r.get(1, Long.class), r.get(2, Long.class))));
        return reads;
    }
}

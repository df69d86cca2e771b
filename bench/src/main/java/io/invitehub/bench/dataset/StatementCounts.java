package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import org.jooq.CloseableDSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;

import java.io.PrintStream;
import java.util.Map;

/**
 * {@code bench --statements} (in this package: the bench's SQL stays here, {@code BenchArchitectureTest}): what one redemption costs PostgreSQL, in counts that do not depend on the
 * machine's load. The embedded PostgreSQL starts with {@code pg_stat_statements} (tracking the statements
 * that triggers and functions run too); before the redemption phase the counters are reset, after it (once
 * the dispatcher has turned every new invitation into INVITED) the statements are printed per successful
 * redemption: calls, rows, shared buffers hit and read per call, with the commits of the whole database.
 */
public final class StatementCounts {
    /**
     * The server settings that load the extensions (restart-only settings, so given at start): {@code
     * pg_stat_statements} and {@code auto_explain}, which writes the plan of one statement in a hundred (nested
     * ones included) with its actual rows and shared buffers to the server log in {@code logDirectory} (kept after
     * the run, unlike the bench's data directory).
     */
    public static Map<String, String> serverConfig(java.nio.file.Path logDirectory) {
        return Map.ofEntries(
                Map.entry("shared_preload_libraries", "'pg_stat_statements,auto_explain'"),
                Map.entry("pg_stat_statements.track", "all"),
                Map.entry("pg_stat_statements.max", "10000"),
                Map.entry("track_functions", "pl"),
                Map.entry("auto_explain.log_min_duration", "0"),
                Map.entry("auto_explain.sample_rate", "0.01"),
                Map.entry("auto_explain.log_analyze", "on"),
                Map.entry("auto_explain.log_buffers", "on"),
                Map.entry("auto_explain.log_timing", "off"),
                Map.entry("auto_explain.log_nested_statements", "on"),
                Map.entry("logging_collector", "on"),
                Map.entry("log_directory", "'" + logDirectory.toAbsolutePath() + "'"),
                Map.entry("log_filename", "'postgresql.log'"));
    }
    private static final int TOP = 40;

    private final PersistenceSettings superuser;
    private long commitsBefore;
    private long rollbacksBefore;

    public StatementCounts(PersistenceSettings superuser) {
        this.superuser = superuser;
        try (CloseableDSLContext db = connect()) {
            db.execute("create extension if not exists pg_stat_statements");
        }
    }

    private CloseableDSLContext connect() {
        return DSL.using(superuser.jdbcUrl(), superuser.user(), superuser.password());
    }

    /**
     * Resets the counters: from here on every statement of the database counts. First prints how often each index of
     * invitations and redeem_codes was scanned since the bench's PostgreSQL started (the seed, the readiness and read
     * phases): an index no read route scanned is a candidate to drop (issue 17, phase 4).
     */
    public void reset(PrintStream out) {
        try (CloseableDSLContext db = connect()) {
            printIndexes(db, "since the start (seed, readiness and read phases)", out);
            db.execute("select pg_stat_statements_reset()");
            db.execute("select pg_stat_reset()");
            db.execute("select pg_stat_clear_snapshot()");
            Record r = db.fetchOne("select xact_commit, xact_rollback from pg_stat_database where datname = current_database()");
            commitsBefore = r.get(0, Long.class);
            rollbacksBefore = r.get(1, Long.class);
        }
    }

    /**
     * Prints the statements since {@link #reset(PrintStream)} per {@code redemptions}: the top-level ones (what the
     * service sends) and the nested ones (run by triggers and functions), most called first.
     */
    public void print(long redemptions, PrintStream out) {
        print(redemptions, "redemption", out);
    }

    /**
     * The same per {@code count} successful operations named {@code unit} (a redemption, a notify of the shop phase);
     * the index scans are printed for the redemption phase only.
     */
    public void print(long count, String unit, PrintStream out) {
        long redemptions = count;
        if (redemptions <= 0) {
            out.println("statements: no successful " + unit + " to divide by");
            return;
        }
        try (CloseableDSLContext db = connect()) {
            // the statistics collector publishes at transaction end; a fresh snapshot
            db.execute("select pg_stat_clear_snapshot()");
            Record c = db.fetchOne("select xact_commit, xact_rollback from pg_stat_database where datname = current_database()");
            long commits = c.get(0, Long.class) - commitsBefore;
            long rollbacks = c.get(1, Long.class) - rollbacksBefore;
            Result<Record> rows = db.fetch("""
                    select s.toplevel, sum(s.calls)::bigint calls, sum(s.rows)::bigint rows_, sum(s.shared_blks_hit)::bigint hit,
                           sum(s.shared_blks_read)::bigint read_, sum(s.shared_blks_dirtied)::bigint dirtied,
                           sum(s.wal_fpi)::bigint fpi, sum(s.wal_bytes)::bigint wal,
                           sum(s.total_exec_time) ms, regexp_replace(min(s.query), '\\s+', ' ', 'g') query
                    from pg_stat_statements s join pg_database d on d.oid = s.dbid
                    where d.datname = current_database()
                    group by s.toplevel, s.queryid order by calls desc""");
            long top = 0;
            long nested = 0;
            long topBlocks = 0;
            long nestedBlocks = 0;
            long topRead = 0;
            long topFpi = 0;
            long topWal = 0;
            for (Record r : rows) {
                long calls = r.get("calls", Long.class);
                long blocks = r.get("hit", Long.class) + r.get("read_", Long.class);
                if (r.get("toplevel", Boolean.class)) {
                    top += calls;
                    topBlocks += blocks;
                    topRead += r.get("read_", Long.class);
                    topFpi += r.get("fpi", Long.class);
                    topWal += r.get("wal", Long.class);
                } else {
                    nested += calls;
                    nestedBlocks += blocks;
                }
            }
            out.printf("statements per successful " + unit + " (%,d " + unit + "s, dispatcher and every other worker included): "
                            + "%.2f sent by the service (%.1f shared blocks), %.2f run inside triggers and functions; "
                            + "%.2f commits, %.3f rollbacks%n",
                    redemptions, top / (double) redemptions, topBlocks / (double) redemptions, nested / (double) redemptions,
                    commits / (double) redemptions, rollbacks / (double) redemptions);
            out.printf("  (shared blocks of the top-level statements include their triggers' nested ones: %.1f of them nested); "
                            + "per " + unit + " %.2f blocks read from outside shared buffers, %.2f WAL full-page images, %.0f WAL bytes%n",
                    nestedBlocks / (double) redemptions, topRead / (double) redemptions, topFpi / (double) redemptions,
                    topWal / (double) redemptions);
            out.printf("  %-6s %9s %8s %10s %10s %8s %9s %9s  %s%n", "level", "calls", "per red.", "blk/call", "read/call",
                    "fpi/call", "ms/call", "rows/call", "statement");
            int shown = 0;
            for (Record r : rows) {
                if (shown++ == TOP) {
                    break;
                }
                long calls = r.get("calls", Long.class);
                String query = r.get("query", String.class);
                out.printf("  %-6s %9d %8.3f %10.1f %10.2f %8.2f %9.3f %9.2f  %s%n", r.get("toplevel", Boolean.class) ? "top" : "nested",
                        calls, calls / (double) redemptions,
                        (r.get("hit", Long.class) + r.get("read_", Long.class)) / (double) calls,
                        r.get("read_", Long.class) / (double) calls, r.get("fpi", Long.class) / (double) calls,
                        r.get("ms", Double.class) / calls,
                        r.get("rows_", Long.class) / (double) calls,
                        query.length() > 160 ? query.substring(0, 160) + "…" : query);
            }
            if (unit.equals("redemption")) {
                printIndexes(db, "in the redemption phase", out);
            }
            Result<Record> functions = db.fetch("""
                    select funcname, calls, total_time, self_time from pg_stat_user_functions order by calls desc limit 20""");
            out.println("  trigger and PL/pgSQL functions: calls per " + unit);
            for (Record f : functions) {
                out.printf("    %-45s %8.3f%n", f.get("funcname", String.class), f.get("calls", Long.class) / (double) redemptions);
            }
            Result<Record> tables = db.fetch("""
                    select relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, seq_scan, seq_tup_read, idx_scan
                    from pg_stat_user_tables where n_tup_ins + n_tup_upd + n_tup_del + seq_scan > 0
                    order by n_tup_ins + n_tup_upd + n_tup_del desc limit 25""");
            out.println("  tables: inserts, updates (HOT), deletes, sequential scans (rows read), index scans per " + unit);
            for (Record t : tables) {
                out.printf("    %-32s ins %6.3f upd %6.3f (%6.3f) del %6.3f seq %6.3f (%10.1f) idx %7.3f%n", t.get("relname", String.class),
                        t.get("n_tup_ins", Long.class) / (double) redemptions, t.get("n_tup_upd", Long.class) / (double) redemptions,
                        t.get("n_tup_hot_upd", Long.class) / (double) redemptions, t.get("n_tup_del", Long.class) / (double) redemptions,
                        t.get("seq_scan", Long.class) / (double) redemptions, t.get("seq_tup_read", Long.class) / (double) redemptions,
                        t.get("idx_scan", Long.class) / (double) redemptions);
            }
        }
    }

    private static void printIndexes(CloseableDSLContext db, String when, PrintStream out) {
        db.execute("select pg_stat_clear_snapshot()");
        Result<Record> indexes = db.fetch("""
                select relname, indexrelname, idx_scan, idx_tup_read, pg_relation_size(indexrelid) bytes
                from pg_stat_user_indexes where relname in ('invitations', 'redeem_codes') order by relname, idx_scan, indexrelname""");
        out.printf("  index scans %s (index, scans, entries read, size):%n", when);
        for (Record i : indexes) {
            out.printf("    %-13s %-42s %10d %12d %8d kB%n", i.get("relname", String.class), i.get("indexrelname", String.class),
                    i.get("idx_scan", Long.class), i.get("idx_tup_read", Long.class), i.get("bytes", Long.class) / 1024);
        }
    }

    /** Waits (at most 60 s) until the dispatcher has no RESERVED invitation created since {@code since} left. */
    public void awaitDispatched(java.time.Instant since) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (CloseableDSLContext db = connect()) {
            while (System.nanoTime() < deadline) {
                Long left = db.fetchOne("select count(*) from invitations where state = 'RESERVED' and created_at >= ?::timestamptz",
                        since.toString()).get(0, Long.class);
                if (left == null || left == 0) {
                    return;
                }
                Thread.sleep(200);
            }
        }
    }
}

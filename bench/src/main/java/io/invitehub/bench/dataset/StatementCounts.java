package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

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
        OneConnection.run(superuser, db -> db.execute("create extension if not exists pg_stat_statements"));
    }

    /** Starts a {@link WaitSampler} on its own superuser connection, polling every 10 ms (issue 17, phase 7). */
    public WaitSampler sampleWaits() {
        return WaitSampler.start(superuser, java.time.Duration.ofMillis(10));
    }

    /**
     * Resets the counters: from here on every statement of the database counts. First prints how often each index of
     * invitations and redeem_codes was scanned since the bench's PostgreSQL started (the seed, the readiness and read
     * phases): an index no read route scanned is a candidate to drop (issue 17, phase 4).
     */
    public void reset(PrintStream out) {
        OneConnection.run(superuser, db -> {
            printIndexes(db, "since the start (seed, readiness and read phases)", out);
            db.execute("select pg_stat_statements_reset()");
            db.execute("select pg_stat_reset()");
            db.execute("select pg_stat_clear_snapshot()");
            Record r = db.fetchOne("select xact_commit, xact_rollback from pg_stat_database where datname = current_database()");
            commitsBefore = r.get(0, Long.class);
            rollbacksBefore = r.get(1, Long.class);
        });
    }

    /**
     * Prints the statements since {@link #reset(PrintStream)} per {@code redemptions}: the top-level ones (what the
     * service sends) and the nested ones (run by triggers and functions), most called first.
     */
    public void print(long redemptions, PrintStream out) {
        print(redemptions, "redemption", out);
    }

    /**
     * The top-level statements the database has run so far (pg_stat_statements, calls by query), for the per-route
     * counts of the reads (ADR 84): {@link #perAnswer} of two of them. Without a reset, so the redemption phase's
     * counts are untouched.
     */
    public Map<String, Long> topLevelCalls() {
        return OneConnection.call(superuser, db -> {
            Map<String, Long> calls = new java.util.HashMap<>();
            db.fetch("""
                    select regexp_replace(min(s.query), '\\s+', ' ', 'g') query, sum(s.calls)::bigint calls
                    from pg_stat_statements s join pg_database d on d.oid = s.dbid
                    where d.datname = current_database() and s.toplevel and s.query not like '%pg_stat_statements%'
                    group by s.queryid""").forEach(r -> calls.merge(r.get(0, String.class), r.get(1, Long.class), Long::sum));
            return calls;
        });
    }

    /**
     * The top-level statements per answer between {@code before} and {@code after}: their sum, then each that ran at
     * least once per hundred answers (the workers' polls of the same seconds are in it too), most called first.
     */
    public static String perAnswer(Map<String, Long> before, Map<String, Long> after, long answers) {
        if (answers <= 0) {
            return "statements: no answer to divide by";
        }
        java.util.List<Map.Entry<String, Long>> delta = new java.util.ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (d > 0) {
                total += d;
                delta.add(Map.entry(e.getKey(), d));
            }
        }
        delta.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "statements sent per answer: %.2f", total / (double) answers));
        for (Map.Entry<String, Long> e : delta) {
            double per = e.getValue() / (double) answers;
            if (per >= 0.01) {
                String q = e.getKey();
                line.append(String.format(java.util.Locale.ROOT, "; %.2f %s", per, q.length() > 60 ? q.substring(0, 60) + "…" : q));
            }
        }
        return line.toString();
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
        OneConnection.run(superuser, db -> {
            // the statistics collector publishes at transaction end; a fresh snapshot
            db.execute("select pg_stat_clear_snapshot()");
            Record c = db.fetchOne("select xact_commit, xact_rollback from pg_stat_database where datname = current_database()");
            long commits = c.get(0, Long.class) - commitsBefore;
            long rollbacks = c.get(1, Long.class) - rollbacksBefore;
            Result<Record> rows = db.fetch("""
                    select s.toplevel, s.queryid, sum(s.calls)::bigint calls, sum(s.rows)::bigint rows_, sum(s.shared_blks_hit)::bigint hit,
                           sum(s.shared_blks_read)::bigint read_, sum(s.shared_blks_dirtied)::bigint dirtied,
                           sum(s.shared_blks_written)::bigint written, sum(s.wal_fpi)::bigint fpi, sum(s.wal_bytes)::bigint wal,
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
            java.util.LinkedHashMap<String, Statement> statements = new java.util.LinkedHashMap<>();
            for (Record r : rows) {
                long calls = r.get("calls", Long.class);
                long blocks = r.get("hit", Long.class) + r.get("read_", Long.class);
                boolean toplevel = r.get("toplevel", Boolean.class);
                if (toplevel) {
                    top += calls;
                    topBlocks += blocks;
                    topRead += r.get("read_", Long.class);
                    topFpi += r.get("fpi", Long.class);
                    topWal += r.get("wal", Long.class);
                } else {
                    nested += calls;
                    nestedBlocks += blocks;
                }
                double n = redemptions;
                Statement st = new Statement(toplevel, r.get("query", String.class), calls / n, r.get("rows_", Long.class) / n,
                        r.get("hit", Long.class) / n, r.get("read_", Long.class) / n, r.get("dirtied", Long.class) / n,
                        r.get("written", Long.class) / n, r.get("wal", Long.class) / n, r.get("ms", Double.class) / n);
                statements.put((toplevel ? "top " : "nested ") + r.get("queryid", Long.class), st);
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
            out.println("  per " + unit + " (a top-level statement's figures include those of the nested statements its triggers and "
                    + "functions ran):");
            out.println(Statement.HEADER);
            int shown = 0;
            for (Statement st : statements.values()) {
                if (shown++ == TOP) {
                    break;
                }
                out.println(st.row());
            }
            Map<String, Statement> earlier = previous.get(unit);
            if (earlier != null) {
                printDifference(earlier, statements, unit, out);
            }
            previous.put(unit, Map.copyOf(statements));
            if (unit.equals("redemption")) {
                printIndexes(db, "in the redemption phase", out);
            }
            Result<Record> functions = db.fetch("""
                    select funcname, calls, total_time, self_time from pg_stat_user_functions order by calls desc limit 20""");
            out.println("  trigger and PL/pgSQL functions per " + unit + ": calls, total ms (with the statements they run), self ms");
            for (Record f : functions) {
                out.printf(java.util.Locale.ROOT, "    %-45s %8.3f %9.4f %9.4f%n", f.get("funcname", String.class),
                        f.get("calls", Long.class) / (double) redemptions, f.get("total_time", Double.class) / redemptions,
                        f.get("self_time", Double.class) / redemptions);
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
        });
    }

    /**
     * One statement's figures per operation of a phase: calls, rows, shared blocks hit, read, dirtied and written, WAL
     * bytes and execution time.
     */
    record Statement(boolean toplevel, String query, double calls, double rows, double hit, double read, double dirtied,
                     double written, double wal, double ms) {
        static final String HEADER = String.format("  %-6s %8s %8s %8s %7s %8s %8s %9s %8s  %s", "level", "calls", "rows", "hit",
                "read", "dirtied", "written", "WAL B", "ms", "statement");

        String row() {
            return String.format(java.util.Locale.ROOT, "  %-6s %8.3f %8.3f %8.2f %7.3f %8.3f %8.3f %9.1f %8.4f  %s",
                    toplevel ? "top" : "nested", calls, rows, hit, read, dirtied, written, wal, ms,
                    query.length() > 160 ? query.substring(0, 160) + "…" : query);
        }

        Statement minus(Statement other) {
            return new Statement(toplevel, query, calls - other.calls, rows - other.rows, hit - other.hit, read - other.read,
                    dirtied - other.dirtied, written - other.written, wal - other.wal, ms - other.ms);
        }

        static Statement none(boolean toplevel, String query) {
            return new Statement(toplevel, query, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    /** What the last phase of each unit ran, per operation, by level and query id: the next phase prints its difference. */
    private final Map<String, Map<String, Statement>> previous = new java.util.HashMap<>();

    /**
     * This phase minus the previous one of the same unit (the distributor-code redemptions minus the platform-code ones),
     * per operation, statement by statement (same level and query id), the largest time difference first; statements
     * whose calls differ by less than one in a thousand operations and whose time by less than a microsecond are left out.
     */
    static java.util.List<Statement> difference(Map<String, Statement> earlier, Map<String, Statement> now) {
        java.util.List<Statement> differences = new java.util.ArrayList<>();
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(now.keySet());
        keys.addAll(earlier.keySet());
        for (String key : keys) {
            Statement a = now.get(key);
            Statement b = earlier.get(key);
            Statement d = a == null ? Statement.none(b.toplevel(), b.query()).minus(b) : b == null ? a : a.minus(b);
            if (Math.abs(d.calls()) >= 0.001 || Math.abs(d.ms()) >= 0.001) {
                differences.add(d);
            }
        }
        differences.sort(java.util.Comparator.comparingDouble((Statement d) -> -Math.abs(d.ms())));
        return differences;
    }

    private static void printDifference(Map<String, Statement> earlier, Map<String, Statement> now, String unit, PrintStream out) {
        java.util.List<Statement> differences = difference(earlier, now);
        double topMs = differences.stream().filter(Statement::toplevel).mapToDouble(Statement::ms).sum();
        double topWal = differences.stream().filter(Statement::toplevel).mapToDouble(Statement::wal).sum();
        double topDirtied = differences.stream().filter(Statement::toplevel).mapToDouble(Statement::dirtied).sum();
        out.printf(java.util.Locale.ROOT, "  this phase minus the previous " + unit + " phase, per " + unit + " (statement by statement, "
                + "largest time difference first; top-level sums: %+.4f ms, %+.1f WAL bytes, %+.3f blocks dirtied):%n", topMs, topWal, topDirtied);
        out.println(Statement.HEADER);
        differences.stream().limit(TOP).forEach(d -> out.println(d.row()));
    }

    private static void printIndexes(DSLContext db, String when, PrintStream out) {
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
        OneConnection.run(superuser, db -> {
            while (System.nanoTime() < deadline) {
                Long left = db.fetchOne("select count(*) from invitations where state = 'RESERVED' and created_at >= ?::timestamptz",
                        since.toString()).get(0, Long.class);
                if (left == null || left == 0) {
                    return;
                }
                Thread.sleep(200);
            }
        });
    }
}

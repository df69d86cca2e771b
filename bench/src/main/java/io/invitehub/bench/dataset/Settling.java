package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Quiet before a measurement (issue 17: reads "after autovacuum has settled"; notify "alone"), on the bench's
 * PostgreSQL as the superuser. After the bulk load the large tables are freshly written: autovacuum's insert
 * threshold would start vacuuming them during the read measurements (and index-only scans need the visibility map
 * a vacuum sets). So the bench vacuums and analyses them once itself, then waits, bounded, until no autovacuum worker
 * is running. Each step says what it did and how long it took.
 */
public final class Settling {
    /** Tables with at least this many live rows count as large. */
    public static final long LARGE_TABLE_ROWS = 10_000;

    private final PersistenceSettings superuser;

    public Settling(PersistenceSettings superuser) {
        this.superuser = superuser;
    }

    /** What {@link #vacuumAnalyse()} did: the tables and the time. */
    public record Vacuumed(List<String> tables, Duration took) {
    }

    /** What a bounded wait saw: whether it ended quiet, after how long, and what was still running if not. */
    public record Waited(boolean quiet, Duration waited, long stillRunning) {
    }

    /** {@code VACUUM (ANALYZE)} of every table of the service's schema with at least {@value #LARGE_TABLE_ROWS} live rows. */
    public Vacuumed vacuumAnalyse() {
        long start = System.nanoTime();
        return OneConnection.call(superuser, db -> {
            List<String> tables = db.fetch("""
                    select quote_ident(schemaname) || '.' || quote_ident(relname) from pg_stat_user_tables
                    where n_live_tup >= ? order by n_live_tup desc""", LARGE_TABLE_ROWS).getValues(0, String.class);
            for (String table : tables) {
                db.execute("vacuum (analyze) " + table);
            }
            return new Vacuumed(tables, Duration.ofNanos(System.nanoTime() - start));
        });
    }

    /** Polls {@code pg_stat_activity} until no autovacuum worker runs, for at most {@code cap}. */
    public Waited awaitAutovacuumIdle(Duration cap) throws InterruptedException {
        return await(cap, "select count(*) from pg_stat_activity where backend_type = 'autovacuum worker'", null);
    }

    /**
     * Waits, for at most {@code cap}, until the dispatcher has turned every invitation reserved since {@code since} into
     * its next state (the redemption load's work still pending when the load ended).
     */
    public Waited awaitDispatched(Instant since, Duration cap) throws InterruptedException {
        return await(cap, "select count(*) from invitations where state = 'RESERVED' and created_at >= ?::timestamptz", since.toString());
    }

    private Waited await(Duration cap, String count, String argument) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + cap.toNanos();
        return OneConnection.call(superuser, db -> {
            while (true) {
                Long left = argument == null ? db.fetchOne(count).get(0, Long.class) : db.fetchOne(count, argument).get(0, Long.class);
                long running = left == null ? 0 : left;
                if (running == 0 || System.nanoTime() >= deadline) {
                    return new Waited(running == 0, Duration.ofNanos(System.nanoTime() - start), running);
                }
                Thread.sleep(200);
            }
        });
    }
}
